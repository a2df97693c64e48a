import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import type { Awaitable, Synchronous } from './awaitable.ts';

/**
 * A key that signs the sandbox's access tokens, as stored: both halves as JWK text. The private
 * half sits beside the HMAC secret's hashes in the sandbox's own data folder, which holds no
 * production secret: a sandbox token opens nothing but the sandbox.
 */
export interface SigningKeyRecord {
  kid: string;
  privateJwk: string;
  publicJwk: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms from which the key signs no more (null: the key in use). */
  retiredAt: number | null;
}

/** Reads and writes signing keys; each write is one transaction, resolved once committed. */
export interface SigningKeyStore {
  listKeys(): Awaitable<SigningKeyRecord[]>;
  /** Stores the first key of a store, unless another process stored one meanwhile. */
  insertFirstKey(key: SigningKeyRecord): Awaitable<void>;
  /**
   * Retires every key in use at `key.createdAt`, stores `key` in their place and forgets keys
   * retired before `pruneBefore` (epoch ms): no token they signed is still valid.
   */
  rotate(key: SigningKeyRecord, pruneBefore: number): Awaitable<void>;
}

/** The statements of the signing key store, in SQL both engines read (see `keySql`). */
export const signingKeySql = {
  list: 'SELECT kid, private_jwk AS "privateJwk", public_jwk AS "publicJwk", created_at AS "createdAt", retired_at AS "retiredAt" FROM signing_keys ORDER BY created_at, kid',
  hasCurrent: 'SELECT 1 AS found FROM signing_keys WHERE retired_at IS NULL LIMIT 1',
  insert:
    'INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?)',
  retireAll: 'UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL',
  prune: 'DELETE FROM signing_keys WHERE retired_at IS NOT NULL AND retired_at < ?',
} as const;

/** The values of a key's row, in `signingKeySql.insert`'s order. */
export function toSigningKeyValues(key: SigningKeyRecord): (string | number | null)[] {
  return [key.kid, key.privateJwk, key.publicJwk, key.createdAt, key.retiredAt];
}

/** Prepares the statements of the signing key store on an open SQLite database. */
export function createSigningKeyStore(db: DatabaseSync): Synchronous<SigningKeyStore> {
  const statements = Object.fromEntries(
    Object.entries(signingKeySql).map(([name, sql]) => [name, db.prepare(sql)]),
  ) as Record<keyof typeof signingKeySql, StatementSync>;
  return {
    listKeys() {
      return statements.list.all() as unknown as SigningKeyRecord[];
    },
    insertFirstKey(key) {
      inTransaction(db, () => {
        if (statements.hasCurrent.get() === undefined) {
          statements.insert.run(...toSigningKeyValues(key));
        }
      });
    },
    rotate(key, pruneBefore) {
      inTransaction(db, () => {
        statements.retireAll.run(key.createdAt);
        statements.insert.run(...toSigningKeyValues(key));
        statements.prune.run(pruneBefore);
      });
    },
  };
}
