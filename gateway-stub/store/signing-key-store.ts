import type { DatabaseSync, StatementSync } from 'node:sqlite';

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

/** Reads and writes signing keys. */
export interface SigningKeyStore {
  listKeys(): SigningKeyRecord[];
  insertKey(key: SigningKeyRecord): void;
  retireKey(kid: string, at: number): void;
  /** Forgets keys retired before `before` (epoch ms): no token they signed is still valid. */
  pruneKeys(before: number): void;
}

/** Prepares the statements of the signing key store on an open database. */
export function createSigningKeyStore(db: DatabaseSync): SigningKeyStore {
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  const statements = {
    list: prepare(
      'SELECT kid, private_jwk AS privateJwk, public_jwk AS publicJwk, created_at AS createdAt, retired_at AS retiredAt FROM signing_keys ORDER BY created_at, kid',
    ),
    insert: prepare(
      'INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?)',
    ),
    retire: prepare('UPDATE signing_keys SET retired_at = ? WHERE kid = ? AND retired_at IS NULL'),
    prune: prepare('DELETE FROM signing_keys WHERE retired_at IS NOT NULL AND retired_at < ?'),
  };
  return {
    listKeys() {
      return statements.list.all() as unknown as SigningKeyRecord[];
    },
    insertKey(key) {
      statements.insert.run(key.kid, key.privateJwk, key.publicJwk, key.createdAt, key.retiredAt);
    },
    retireKey(kid, at) {
      statements.retire.run(at, kid);
    },
    pruneKeys(before) {
      statements.prune.run(before);
    },
  };
}
