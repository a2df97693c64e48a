import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PlanName } from '../../catalog/index.ts';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import { isPastExpiry } from '../keys/expiry.ts';
import type { Awaitable, Synchronous } from './awaitable.ts';
import { clientSql, toClientValues, type ClientRecord } from './client-store.ts';

/** What an administrator decided about a subscription (expiry is computed, not stored). */
export const subscriptionStatuses = ['active', 'pending', 'rejected', 'revoked'] as const;
/** A stored subscription status. */
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];
/** Every state a subscription can be seen in: a status, or `expired` once its end date passed. */
export const subscriptionStates = [...subscriptionStatuses, 'expired'] as const;
/** A subscription's state as the gateway applies it. */
export type SubscriptionState = (typeof subscriptionStates)[number];

/** An application that holds keys. */
export interface ConsumerRecord {
  id: string;
  application: string;
  email: string | null;
  createdAt: string;
}

/** A key as stored: never the key itself, only its prefix and keyed hash. */
export interface KeyRecord {
  id: string;
  consumerId: string;
  prefix: string;
  hash: Uint8Array;
  createdAt: string;
}

/** A key's right to call one API, on one plan. */
export interface SubscriptionRecord {
  id: string;
  keyId: string;
  api: string;
  plan: PlanName;
  status: SubscriptionStatus;
  /** ISO date-time after which the subscription is expired, or null (read with `toExpiryInstant`). */
  expiresAt: string | null;
  /**
   * Scopes granted, as a JSON array an administrator set, or null for the API's default grant:
   * every scope it declares but those its metadata restricts (read with `parseScopeList`).
   */
  scopes: string | null;
  /** Restricted scopes asked for and awaiting approval, as a JSON array. */
  requestedScopes: string;
  createdAt: string;
  updatedAt: string;
}

/** A key with what the request path needs of it: its consumer's name and its subscriptions. */
export interface StoredGrant {
  key: KeyRecord;
  application: string;
  /** By API id. */
  subscriptions: SubscriptionRecord[];
}

/** Everything a new key is written with, in one transaction. */
export interface IssuedRecords {
  /** The consumer to create, or undefined when the key goes to an existing one. */
  consumer: ConsumerRecord | undefined;
  key: KeyRecord;
  client: ClientRecord;
  subscription: SubscriptionRecord;
}

/** What a decision changes on one subscription; fields left out stay as they are. */
export interface SubscriptionChange {
  id: string;
  updatedAt: string;
  status?: SubscriptionStatus;
  plan?: PlanName;
  /** Scopes granted (null: the default grant) and those still awaiting approval (JSON arrays). */
  scopes?: { granted: string | null; requested: string };
}

/**
 * Reads and writes consumers, keys and subscriptions. Each write is one transaction, resolved
 * once committed; reads answer at once on SQLite (`Awaitable`).
 */
export interface KeyStore {
  findConsumerById(id: string): Awaitable<ConsumerRecord | undefined>;
  findKeyByPrefix(prefix: string): Awaitable<KeyRecord | undefined>;
  findKeyById(id: string): Awaitable<KeyRecord | undefined>;
  /** The key of a prefix with its consumer's name and its subscriptions (the request path's read). */
  findGrantByPrefix(prefix: string): Awaitable<StoredGrant | undefined>;
  findSubscription(id: string): Awaitable<SubscriptionRecord | undefined>;
  listSubscriptionsOfKey(keyId: string): Awaitable<SubscriptionRecord[]>;
  listConsumers(): Awaitable<ConsumerRecord[]>;
  listKeys(): Awaitable<KeyRecord[]>;
  listSubscriptions(): Awaitable<SubscriptionRecord[]>;
  /** The keys of a consumer. */
  listKeysOfConsumer(consumerId: string): Awaitable<KeyRecord[]>;
  /** Subscriptions per state at `nowMs`; those past their end date count as `expired`. */
  countByState(nowMs: number): Awaitable<Record<SubscriptionState, number>>;
  /**
   * Writes a new key — its consumer when new, the key, its client and its first subscription —
   * all or nothing. False, writing nothing, when the key's prefix is taken: draw another key.
   */
  insertIssuedKey(issued: IssuedRecords): Awaitable<boolean>;
  /** Applies decisions to subscriptions, all or nothing. */
  updateSubscriptions(changes: readonly SubscriptionChange[]): Awaitable<void>;
}

const consumerColumns = 'id, application, email, created_at AS "createdAt"';
const keyColumns = 'id, consumer_id AS "consumerId", prefix, hash, created_at AS "createdAt"';
const subscriptionColumns =
  'id, key_id AS "keyId", api, plan, status, expires_at AS "expiresAt", scopes, requested_scopes AS "requestedScopes", created_at AS "createdAt", updated_at AS "updatedAt"';

/**
 * The statements of the key store, in SQL both engines read (`?` placeholders, which the
 * PostgreSQL store numbers): one text per statement, whichever store runs it.
 */
export const keySql = {
  insertConsumer: 'INSERT INTO consumers (id, application, email, created_at) VALUES (?, ?, ?, ?)',
  findConsumerById: `SELECT ${consumerColumns} FROM consumers WHERE id = ?`,
  // A prefix taken writes nothing: the caller draws another key.
  insertKey:
    'INSERT INTO keys (id, consumer_id, prefix, hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (prefix) DO NOTHING',
  insertSubscription:
    'INSERT INTO subscriptions (id, key_id, api, plan, status, expires_at, scopes, requested_scopes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  findKeyByPrefix: `SELECT ${keyColumns} FROM keys WHERE prefix = ?`,
  findKeyById: `SELECT ${keyColumns} FROM keys WHERE id = ?`,
  findSubscription: `SELECT ${subscriptionColumns} FROM subscriptions WHERE id = ?`,
  listSubscriptionsOfKey: `SELECT ${subscriptionColumns} FROM subscriptions WHERE key_id = ? ORDER BY api`,
  listConsumers: `SELECT ${consumerColumns} FROM consumers ORDER BY created_at, id`,
  listKeys: `SELECT ${keyColumns} FROM keys ORDER BY created_at, id`,
  listSubscriptions: `SELECT ${subscriptionColumns} FROM subscriptions ORDER BY created_at, id`,
  updateStatus: 'UPDATE subscriptions SET status = ?, updated_at = ? WHERE id = ?',
  updatePlan: 'UPDATE subscriptions SET plan = ?, updated_at = ? WHERE id = ?',
  updateScopes:
    'UPDATE subscriptions SET scopes = ?, requested_scopes = ?, updated_at = ? WHERE id = ?',
  listKeysOfConsumer: `SELECT ${keyColumns} FROM keys WHERE consumer_id = ? ORDER BY created_at, id`,
  // End dates are compared as instants in JavaScript, as everywhere else, not as text in SQL.
  countByEndDate:
    'SELECT status, expires_at AS "expiresAt", COUNT(*) AS count FROM subscriptions GROUP BY status, expires_at',
} as const;

/** The values of a new subscription's row, in `keySql.insertSubscription`'s order. */
export function toSubscriptionValues(subscription: SubscriptionRecord): (string | null)[] {
  return [
    subscription.id,
    subscription.keyId,
    subscription.api,
    subscription.plan,
    subscription.status,
    subscription.expiresAt,
    subscription.scopes,
    subscription.requestedScopes,
    subscription.createdAt,
    subscription.updatedAt,
  ];
}

/** Counts per state from the rows of `keySql.countByEndDate`. */
export function toStateCounts(
  rows: readonly (Pick<SubscriptionRecord, 'status' | 'expiresAt'> & { count: number })[],
  nowMs: number,
): Record<SubscriptionState, number> {
  const counts = Object.fromEntries(subscriptionStates.map((state) => [state, 0])) as Record<
    SubscriptionState,
    number
  >;
  for (const row of rows) counts[toSubscriptionState(row, nowMs)] += row.count;
  return counts;
}

/** Prepares the statements of the key store on an open SQLite database. */
export function createKeyStore(db: DatabaseSync): Synchronous<KeyStore> {
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  const statements = Object.fromEntries(
    Object.entries(keySql).map(([name, sql]) => [name, prepare(sql)]),
  ) as Record<keyof typeof keySql, StatementSync>;
  const insertClient = prepare(clientSql.insertClient);
  const findKeyByPrefix = (prefix: string): KeyRecord | undefined =>
    statements.findKeyByPrefix.get(prefix) as KeyRecord | undefined;
  const findConsumerById = (id: string): ConsumerRecord | undefined =>
    statements.findConsumerById.get(id) as ConsumerRecord | undefined;
  const listSubscriptionsOfKey = (keyId: string): SubscriptionRecord[] =>
    statements.listSubscriptionsOfKey.all(keyId) as unknown as SubscriptionRecord[];
  return {
    findConsumerById,
    findKeyByPrefix,
    findKeyById(id) {
      return statements.findKeyById.get(id) as KeyRecord | undefined;
    },
    findGrantByPrefix(prefix) {
      const key = findKeyByPrefix(prefix);
      if (!key) return undefined;
      return {
        key,
        application: findConsumerById(key.consumerId)?.application ?? '',
        subscriptions: listSubscriptionsOfKey(key.id),
      };
    },
    findSubscription(id) {
      return statements.findSubscription.get(id) as SubscriptionRecord | undefined;
    },
    listSubscriptionsOfKey,
    listConsumers() {
      return statements.listConsumers.all() as unknown as ConsumerRecord[];
    },
    listKeys() {
      return statements.listKeys.all() as unknown as KeyRecord[];
    },
    listSubscriptions() {
      return statements.listSubscriptions.all() as unknown as SubscriptionRecord[];
    },
    listKeysOfConsumer(consumerId) {
      return statements.listKeysOfConsumer.all(consumerId) as unknown as KeyRecord[];
    },
    countByState(nowMs) {
      return toStateCounts(
        statements.countByEndDate.all() as unknown as Parameters<typeof toStateCounts>[0],
        nowMs,
      );
    },
    insertIssuedKey({ consumer, key, client, subscription }) {
      try {
        inTransaction(db, () => {
          if (consumer) {
            statements.insertConsumer.run(
              consumer.id,
              consumer.application,
              consumer.email,
              consumer.createdAt,
            );
          }
          const inserted = statements.insertKey.run(
            key.id,
            key.consumerId,
            key.prefix,
            key.hash,
            key.createdAt,
          );
          // The prefix is taken: throwing rolls the consumer back too.
          if (Number(inserted.changes) !== 1) throw new PrefixTaken();
          insertClient.run(...toClientValues(client));
          statements.insertSubscription.run(...toSubscriptionValues(subscription));
        });
        return true;
      } catch (error) {
        if (error instanceof PrefixTaken) return false;
        throw error;
      }
    },
    updateSubscriptions(changes) {
      inTransaction(db, () => {
        for (const change of changes) {
          if (change.status !== undefined) {
            statements.updateStatus.run(change.status, change.updatedAt, change.id);
          }
          if (change.plan !== undefined) {
            statements.updatePlan.run(change.plan, change.updatedAt, change.id);
          }
          if (change.scopes !== undefined) {
            statements.updateScopes.run(
              change.scopes.granted,
              change.scopes.requested,
              change.updatedAt,
              change.id,
            );
          }
        }
      });
    },
  };
}

/** Thrown inside the transaction of a key whose prefix is taken, to roll it back. */
class PrefixTaken extends Error {}

/**
 * The state a subscription is in at `nowMs` (epoch ms; the end date is compared as an instant,
 * see `keys/expiry.ts`). An end date closes active and pending ones alike.
 */
export function toSubscriptionState(
  subscription: Pick<SubscriptionRecord, 'status' | 'expiresAt'>,
  nowMs: number,
): SubscriptionState {
  const open = subscription.status === 'active' || subscription.status === 'pending';
  if (open && isPastExpiry(subscription.expiresAt, nowMs)) return 'expired';
  return subscription.status;
}
