import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import type { Awaitable, Synchronous } from './awaitable.ts';
import type { KeyStore, StoredGrant } from './key-store.ts';

/** Whether a client may still authenticate. */
export type ClientStatus = 'active' | 'revoked';

/** An application's OAuth 2.0 client, as stored: its id, never its secret, only keyed hashes. */
export interface ClientRecord {
  /** The client id (`gc_…`), public. */
  id: string;
  /** The key the client belongs to: the key's subscriptions are the client's. */
  keyId: string;
  secretHash: Uint8Array;
  /** The secret before the last rotation, still accepted until `previousSecretUntil`. */
  previousSecretHash: Uint8Array | null;
  /** Epoch ms until which the previous secret is accepted. */
  previousSecretUntil: number | null;
  status: ClientStatus;
  createdAt: string;
  updatedAt: string;
}

/** A client with the grant of its key. */
export interface StoredClientGrant {
  client: ClientRecord;
  grant: StoredGrant;
}

/**
 * Reads and writes clients and revoked access tokens. Each write is one transaction, resolved
 * once committed; reads answer at once on SQLite (`Awaitable`).
 */
export interface ClientStore {
  findClient(id: string): Awaitable<ClientRecord | undefined>;
  findClientOfKey(keyId: string): Awaitable<ClientRecord | undefined>;
  /** A client with its key's grant (the request path's read), or undefined. */
  findClientGrant(id: string): Awaitable<StoredClientGrant | undefined>;
  listClients(): Awaitable<ClientRecord[]>;
  updateSecret(
    id: string,
    secretHash: Uint8Array,
    previousSecretHash: Uint8Array | null,
    previousSecretUntil: number | null,
    updatedAt: string,
  ): Awaitable<void>;
  updateClientStatus(id: string, status: ClientStatus, updatedAt: string): Awaitable<void>;
  /** Revokes a client and every subscription of its key, all or nothing. */
  revokeCredentials(id: string, keyId: string, updatedAt: string): Awaitable<void>;
  /**
   * Records a revoked token until it would have expired anyway (epoch seconds), forgetting
   * those expired before `nowSeconds`.
   */
  revokeToken(jti: string, expiresAt: number, nowSeconds: number): Awaitable<void>;
  /** The ids of revoked tokens not yet expired at `nowSeconds`. */
  listRevokedTokens(nowSeconds: number): Awaitable<string[]>;
}

const columns =
  'id, key_id AS "keyId", secret_hash AS "secretHash", previous_secret_hash AS "previousSecretHash", previous_secret_until AS "previousSecretUntil", status, created_at AS "createdAt", updated_at AS "updatedAt"';

/** The statements of the client store, in SQL both engines read (see `keySql`). */
export const clientSql = {
  insertClient:
    'INSERT INTO clients (id, key_id, secret_hash, previous_secret_hash, previous_secret_until, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  find: `SELECT ${columns} FROM clients WHERE id = ?`,
  findOfKey: `SELECT ${columns} FROM clients WHERE key_id = ?`,
  list: `SELECT ${columns} FROM clients ORDER BY created_at, id`,
  updateSecret:
    'UPDATE clients SET secret_hash = ?, previous_secret_hash = ?, previous_secret_until = ?, updated_at = ? WHERE id = ?',
  updateStatus: 'UPDATE clients SET status = ?, updated_at = ? WHERE id = ?',
  revokeSubscriptionsOfKey:
    "UPDATE subscriptions SET status = 'revoked', updated_at = ? WHERE key_id = ?",
  revokeToken:
    'INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING',
  listRevoked: 'SELECT jti FROM revoked_tokens WHERE expires_at >= ?',
  pruneRevoked: 'DELETE FROM revoked_tokens WHERE expires_at < ?',
} as const;

/** The values of a client's row, in `clientSql.insertClient`'s order. */
export function toClientValues(client: ClientRecord): (string | number | Uint8Array | null)[] {
  return [
    client.id,
    client.keyId,
    client.secretHash,
    client.previousSecretHash,
    client.previousSecretUntil,
    client.status,
    client.createdAt,
    client.updatedAt,
  ];
}

/**
 * Prepares the statements of the client store on an open SQLite database; `keys` (the key
 * store of the same database) builds the grants.
 */
export function createClientStore(
  db: DatabaseSync,
  keys: Pick<Synchronous<KeyStore>, 'findKeyById' | 'findConsumerById' | 'listSubscriptionsOfKey'>,
): Synchronous<ClientStore> {
  const statements = Object.fromEntries(
    Object.entries(clientSql).map(([name, sql]) => [name, db.prepare(sql)]),
  ) as Record<keyof typeof clientSql, StatementSync>;
  const findClient = (id: string): ClientRecord | undefined =>
    statements.find.get(id) as ClientRecord | undefined;
  return {
    findClient,
    findClientOfKey(keyId) {
      return statements.findOfKey.get(keyId) as ClientRecord | undefined;
    },
    findClientGrant(id) {
      const client = findClient(id);
      const key = client === undefined ? undefined : keys.findKeyById(client.keyId);
      if (!client || !key) return undefined;
      return {
        client,
        grant: {
          key,
          application: keys.findConsumerById(key.consumerId)?.application ?? '',
          subscriptions: keys.listSubscriptionsOfKey(key.id),
        },
      };
    },
    listClients() {
      return statements.list.all() as unknown as ClientRecord[];
    },
    updateSecret(id, secretHash, previousSecretHash, previousSecretUntil, updatedAt) {
      inTransaction(db, () => {
        statements.updateSecret.run(
          secretHash,
          previousSecretHash,
          previousSecretUntil,
          updatedAt,
          id,
        );
      });
    },
    updateClientStatus(id, status, updatedAt) {
      inTransaction(db, () => {
        statements.updateStatus.run(status, updatedAt, id);
      });
    },
    revokeCredentials(id, keyId, updatedAt) {
      inTransaction(db, () => {
        statements.updateStatus.run('revoked', updatedAt, id);
        statements.revokeSubscriptionsOfKey.run(updatedAt, keyId);
      });
    },
    revokeToken(jti, expiresAt, nowSeconds) {
      inTransaction(db, () => {
        statements.pruneRevoked.run(nowSeconds);
        statements.revokeToken.run(jti, expiresAt);
      });
    },
    listRevokedTokens(nowSeconds) {
      return (statements.listRevoked.all(nowSeconds) as { jti: string }[]).map((row) => row.jti);
    },
  };
}
