import type pg from 'pg';
import { clientSql, toClientValues, type ClientRecord, type ClientStore } from '../client-store.ts';
import {
  keySql,
  toStateCounts,
  toSubscriptionValues,
  type ConsumerRecord,
  type KeyRecord,
  type KeyStore,
  type StoredGrant,
  type SubscriptionRecord,
} from '../key-store.ts';
import { countChanges, createQuery, inChangeTransaction } from './postgres-queries.ts';

/**
 * The subscriptions of key `k`, as one JSON array in the same row: a key's grant is one
 * indexed read (the prefix's unique index, then `(key_id, api)`'s), one round trip.
 */
const subscriptionsOfKey = `COALESCE((SELECT json_agg(json_build_object(
    'id', s.id, 'keyId', s.key_id, 'api', s.api, 'plan', s.plan, 'status', s.status,
    'expiresAt', s.expires_at, 'scopes', s.scopes, 'requestedScopes', s.requested_scopes,
    'createdAt', s.created_at, 'updatedAt', s.updated_at) ORDER BY s.api)
  FROM subscriptions s WHERE s.key_id = k.id), '[]'::json) AS subscriptions`;

const grantColumns = `k.id, k.consumer_id AS "consumerId", k.prefix, k.hash,
  k.created_at AS "createdAt", COALESCE(c.application, '') AS application, ${subscriptionsOfKey}`;

const findGrantByPrefix = `SELECT ${grantColumns}
  FROM keys k LEFT JOIN consumers c ON c.id = k.consumer_id WHERE k.prefix = ?`;

const findClientGrant = `SELECT cl.id AS "clientId", cl.secret_hash AS "secretHash",
    cl.previous_secret_hash AS "previousSecretHash",
    cl.previous_secret_until AS "previousSecretUntil", cl.status AS "clientStatus",
    cl.created_at AS "clientCreatedAt", cl.updated_at AS "clientUpdatedAt", ${grantColumns}
  FROM clients cl JOIN keys k ON k.id = cl.key_id LEFT JOIN consumers c ON c.id = k.consumer_id
  WHERE cl.id = ?`;

interface GrantRow extends KeyRecord {
  application: string;
  subscriptions: SubscriptionRecord[];
}

interface ClientGrantRow extends GrantRow {
  clientId: string;
  secretHash: Uint8Array;
  previousSecretHash: Uint8Array | null;
  previousSecretUntil: number | null;
  clientStatus: ClientRecord['status'];
  clientCreatedAt: string;
  clientUpdatedAt: string;
}

function toStoredGrant(row: GrantRow): StoredGrant {
  const { application, subscriptions, ...key } = row;
  return {
    key: {
      id: key.id,
      consumerId: key.consumerId,
      prefix: key.prefix,
      hash: key.hash,
      createdAt: key.createdAt,
    },
    application,
    subscriptions,
  };
}

/** Thrown inside the transaction of a key whose prefix is taken, to roll it back. */
class PrefixTaken extends Error {}

/**
 * The key store and the client store on PostgreSQL: the same statements as SQLite's
 * (`keySql`, `clientSql`), each write one transaction announcing the change to every gateway.
 */
export function createPostgresKeyStores(
  pool: pg.Pool,
  instance: string,
): { keys: KeyStore; clients: ClientStore } {
  const query = createQuery(pool);
  const first = async <Row extends pg.QueryResultRow>(
    sql: string,
    values: readonly unknown[],
  ): Promise<Row | undefined> => (await query<Row>(sql, values))[0];
  const change = <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> =>
    inChangeTransaction(pool, instance, work);

  const keys: KeyStore = {
    findConsumerById: (id) => first<ConsumerRecord>(keySql.findConsumerById, [id]),
    findKeyByPrefix: (prefix) => first<KeyRecord>(keySql.findKeyByPrefix, [prefix]),
    findKeyById: (id) => first<KeyRecord>(keySql.findKeyById, [id]),
    async findGrantByPrefix(prefix) {
      const row = await first<GrantRow>(findGrantByPrefix, [prefix]);
      return row && toStoredGrant(row);
    },
    findSubscription: (id) => first<SubscriptionRecord>(keySql.findSubscription, [id]),
    listSubscriptionsOfKey: (keyId) =>
      query<SubscriptionRecord>(keySql.listSubscriptionsOfKey, [keyId]),
    listConsumers: () => query<ConsumerRecord>(keySql.listConsumers),
    listKeys: () => query<KeyRecord>(keySql.listKeys),
    listSubscriptions: () => query<SubscriptionRecord>(keySql.listSubscriptions),
    listKeysOfConsumer: (consumerId) => query<KeyRecord>(keySql.listKeysOfConsumer, [consumerId]),
    async countByState(nowMs) {
      return toStateCounts(await query(keySql.countByEndDate), nowMs);
    },
    async insertIssuedKey({ consumer, key, client, subscription }) {
      try {
        await change(async (connection) => {
          if (consumer) {
            await countChanges(connection, keySql.insertConsumer, [
              consumer.id,
              consumer.application,
              consumer.email,
              consumer.createdAt,
            ]);
          }
          const inserted = await countChanges(connection, keySql.insertKey, [
            key.id,
            key.consumerId,
            key.prefix,
            key.hash,
            key.createdAt,
          ]);
          if (inserted !== 1) throw new PrefixTaken();
          await countChanges(connection, clientSql.insertClient, toClientValues(client));
          await countChanges(
            connection,
            keySql.insertSubscription,
            toSubscriptionValues(subscription),
          );
        });
        return true;
      } catch (error) {
        if (error instanceof PrefixTaken) return false;
        throw error;
      }
    },
    async updateSubscriptions(changes) {
      await change(async (connection) => {
        for (const item of changes) {
          if (item.status !== undefined) {
            await countChanges(connection, keySql.updateStatus, [
              item.status,
              item.updatedAt,
              item.id,
            ]);
          }
          if (item.plan !== undefined) {
            await countChanges(connection, keySql.updatePlan, [item.plan, item.updatedAt, item.id]);
          }
          if (item.scopes !== undefined) {
            await countChanges(connection, keySql.updateScopes, [
              item.scopes.granted,
              item.scopes.requested,
              item.updatedAt,
              item.id,
            ]);
          }
        }
      });
    },
  };

  const clients: ClientStore = {
    findClient: (id) => first<ClientRecord>(clientSql.find, [id]),
    findClientOfKey: (keyId) => first<ClientRecord>(clientSql.findOfKey, [keyId]),
    async findClientGrant(id) {
      const row = await first<ClientGrantRow>(findClientGrant, [id]);
      if (!row) return undefined;
      return {
        client: {
          id: row.clientId,
          keyId: row.id,
          secretHash: row.secretHash,
          previousSecretHash: row.previousSecretHash,
          previousSecretUntil: row.previousSecretUntil,
          status: row.clientStatus,
          createdAt: row.clientCreatedAt,
          updatedAt: row.clientUpdatedAt,
        },
        grant: toStoredGrant(row),
      };
    },
    listClients: () => query<ClientRecord>(clientSql.list),
    async updateSecret(id, secretHash, previousSecretHash, previousSecretUntil, updatedAt) {
      await change((connection) =>
        countChanges(connection, clientSql.updateSecret, [
          secretHash,
          previousSecretHash,
          previousSecretUntil,
          updatedAt,
          id,
        ]),
      );
    },
    async updateClientStatus(id, status, updatedAt) {
      await change((connection) =>
        countChanges(connection, clientSql.updateStatus, [status, updatedAt, id]),
      );
    },
    async revokeCredentials(id, keyId, updatedAt) {
      await change(async (connection) => {
        await countChanges(connection, clientSql.updateStatus, ['revoked', updatedAt, id]);
        await countChanges(connection, clientSql.revokeSubscriptionsOfKey, [updatedAt, keyId]);
      });
    },
    async revokeToken(jti, expiresAt, nowSeconds) {
      await change(async (connection) => {
        await countChanges(connection, clientSql.pruneRevoked, [nowSeconds]);
        await countChanges(connection, clientSql.revokeToken, [jti, expiresAt]);
      });
    },
    async listRevokedTokens(nowSeconds) {
      return (await query<{ jti: string }>(clientSql.listRevoked, [nowSeconds])).map(
        (row) => row.jti,
      );
    },
  };
  return { keys, clients };
}
