import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import type { KeyHasher } from '../keys/key-hasher.ts';

/**
 * Keys and client secrets are stored as HMACs keyed with the data folder's `secret.key`. A
 * gateway (or `npm run keys`) started with another secret would refuse every key and issue
 * keys no other instance accepts, silently: so the store records a check of its secret — an
 * HMAC of a fixed text, which tells nothing of the secret — and a mismatch stops the start.
 * Instances sharing a PostgreSQL database must share the file.
 */

/** The statements of the check, in SQL both engines read. */
export const secretCheckSql = {
  claim:
    "INSERT INTO gateway_settings (name, value) VALUES ('secret_check', ?) ON CONFLICT (name) DO NOTHING",
  read: "SELECT value FROM gateway_settings WHERE name = 'secret_check'",
} as const;

/** The check of a secret, as the store records it. */
export function toSecretFingerprint(hasher: KeyHasher): string {
  return hasher.hashKey('guichet store secret check').toString('base64url');
}

/** The secret of this data folder is not the one the store's keys were hashed with. */
export class SecretMismatchError extends Error {
  constructor(location: string, secretFile: string) {
    super(
      `${location} — secret — its keys were hashed with another secret than ${secretFile} — copy the secret.key of the data folder the store was first used with to this data folder (every gateway and \`npm run keys\` on one store needs the same file)`,
    );
    this.name = 'SecretMismatchError';
  }
}

/** The SQLite store's `claimSecretCheck`. */
export function createSecretCheck(db: DatabaseSync): (fingerprint: string) => string {
  const claim = db.prepare(secretCheckSql.claim);
  const read = db.prepare(secretCheckSql.read);
  return (fingerprint) =>
    inTransaction(db, () => {
      claim.run(fingerprint);
      return (read.get() as { value: string } | undefined)?.value ?? fingerprint;
    });
}
