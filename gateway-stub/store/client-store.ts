import type { DatabaseSync, StatementSync } from 'node:sqlite';

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

/** Reads and writes clients and revoked access tokens. */
export interface ClientStore {
  insertClient(client: ClientRecord): void;
  findClient(id: string): ClientRecord | undefined;
  findClientOfKey(keyId: string): ClientRecord | undefined;
  listClients(): ClientRecord[];
  updateSecret(
    id: string,
    secretHash: Uint8Array,
    previousSecretHash: Uint8Array | null,
    previousSecretUntil: number | null,
    updatedAt: string,
  ): void;
  updateClientStatus(id: string, status: ClientStatus, updatedAt: string): void;
  /** Records a revoked token until it would have expired anyway (epoch seconds). */
  revokeToken(jti: string, expiresAt: number): void;
  /** The ids of revoked tokens not yet expired at `nowSeconds`. */
  listRevokedTokens(nowSeconds: number): string[];
  /** Forgets revoked tokens that expired before `nowSeconds`. */
  pruneRevokedTokens(nowSeconds: number): void;
}

/** Prepares the statements of the client store on an open database. */
export function createClientStore(db: DatabaseSync): ClientStore {
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  const columns =
    'id, key_id AS keyId, secret_hash AS secretHash, previous_secret_hash AS previousSecretHash, previous_secret_until AS previousSecretUntil, status, created_at AS createdAt, updated_at AS updatedAt';
  const statements = {
    insert: prepare(
      'INSERT INTO clients (id, key_id, secret_hash, previous_secret_hash, previous_secret_until, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    find: prepare(`SELECT ${columns} FROM clients WHERE id = ?`),
    findOfKey: prepare(`SELECT ${columns} FROM clients WHERE key_id = ?`),
    list: prepare(`SELECT ${columns} FROM clients ORDER BY created_at, id`),
    updateSecret: prepare(
      'UPDATE clients SET secret_hash = ?, previous_secret_hash = ?, previous_secret_until = ?, updated_at = ? WHERE id = ?',
    ),
    updateStatus: prepare('UPDATE clients SET status = ?, updated_at = ? WHERE id = ?'),
    revokeToken: prepare(
      'INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING',
    ),
    listRevoked: prepare('SELECT jti FROM revoked_tokens WHERE expires_at >= ?'),
    pruneRevoked: prepare('DELETE FROM revoked_tokens WHERE expires_at < ?'),
  };
  return {
    insertClient(client) {
      statements.insert.run(
        client.id,
        client.keyId,
        client.secretHash,
        client.previousSecretHash,
        client.previousSecretUntil,
        client.status,
        client.createdAt,
        client.updatedAt,
      );
    },
    findClient(id) {
      return statements.find.get(id) as ClientRecord | undefined;
    },
    findClientOfKey(keyId) {
      return statements.findOfKey.get(keyId) as ClientRecord | undefined;
    },
    listClients() {
      return statements.list.all() as unknown as ClientRecord[];
    },
    updateSecret(id, secretHash, previousSecretHash, previousSecretUntil, updatedAt) {
      statements.updateSecret.run(
        secretHash,
        previousSecretHash,
        previousSecretUntil,
        updatedAt,
        id,
      );
    },
    updateClientStatus(id, status, updatedAt) {
      statements.updateStatus.run(status, updatedAt, id);
    },
    revokeToken(jti, expiresAt) {
      statements.revokeToken.run(jti, expiresAt);
    },
    listRevokedTokens(nowSeconds) {
      return (statements.listRevoked.all(nowSeconds) as { jti: string }[]).map((row) => row.jti);
    },
    pruneRevokedTokens(nowSeconds) {
      statements.pruneRevoked.run(nowSeconds);
    },
  };
}
