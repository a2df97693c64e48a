import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PlanName } from '../../catalog/index.ts';
import { isPastExpiry } from '../keys/expiry.ts';

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

/** Reads and writes consumers, keys and subscriptions with prepared statements. */
export interface KeyStore {
  insertConsumer(consumer: ConsumerRecord): void;
  findConsumerById(id: string): ConsumerRecord | undefined;
  insertKey(key: KeyRecord): void;
  insertSubscription(subscription: SubscriptionRecord): void;
  findKeyByPrefix(prefix: string): KeyRecord | undefined;
  findKeyById(id: string): KeyRecord | undefined;
  findSubscription(id: string): SubscriptionRecord | undefined;
  listSubscriptionsOfKey(keyId: string): SubscriptionRecord[];
  listConsumers(): ConsumerRecord[];
  listKeys(): KeyRecord[];
  listSubscriptions(): SubscriptionRecord[];
  updateStatus(id: string, status: SubscriptionStatus, updatedAt: string): void;
  updatePlan(id: string, plan: PlanName, updatedAt: string): void;
  /** Sets the scopes granted (null: the default grant) and those awaiting approval. */
  updateScopes(id: string, scopes: string | null, requestedScopes: string, updatedAt: string): void;
  /** The keys of a consumer. */
  listKeysOfConsumer(consumerId: string): KeyRecord[];
  /** Subscriptions per state at `nowMs`; those past their end date count as `expired`. */
  countByState(nowMs: number): Record<SubscriptionState, number>;
}

/** Prepares the statements of the key store on an open database. */
export function createKeyStore(db: DatabaseSync): KeyStore {
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  const consumerColumns = 'id, application, email, created_at AS createdAt';
  const keyColumns = 'id, consumer_id AS consumerId, prefix, hash, created_at AS createdAt';
  const subscriptionColumns =
    'id, key_id AS keyId, api, plan, status, expires_at AS expiresAt, scopes, requested_scopes AS requestedScopes, created_at AS createdAt, updated_at AS updatedAt';
  const statements = {
    insertConsumer: prepare(
      'INSERT INTO consumers (id, application, email, created_at) VALUES (?, ?, ?, ?)',
    ),
    findConsumerById: prepare(`SELECT ${consumerColumns} FROM consumers WHERE id = ?`),
    insertKey: prepare(
      'INSERT INTO keys (id, consumer_id, prefix, hash, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    insertSubscription: prepare(
      'INSERT INTO subscriptions (id, key_id, api, plan, status, expires_at, scopes, requested_scopes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    findKeyByPrefix: prepare(`SELECT ${keyColumns} FROM keys WHERE prefix = ?`),
    findKeyById: prepare(`SELECT ${keyColumns} FROM keys WHERE id = ?`),
    findSubscription: prepare(`SELECT ${subscriptionColumns} FROM subscriptions WHERE id = ?`),
    listSubscriptionsOfKey: prepare(
      `SELECT ${subscriptionColumns} FROM subscriptions WHERE key_id = ? ORDER BY api`,
    ),
    listConsumers: prepare(`SELECT ${consumerColumns} FROM consumers ORDER BY created_at, id`),
    listKeys: prepare(`SELECT ${keyColumns} FROM keys ORDER BY created_at, id`),
    listSubscriptions: prepare(
      `SELECT ${subscriptionColumns} FROM subscriptions ORDER BY created_at, id`,
    ),
    updateStatus: prepare('UPDATE subscriptions SET status = ?, updated_at = ? WHERE id = ?'),
    updatePlan: prepare('UPDATE subscriptions SET plan = ?, updated_at = ? WHERE id = ?'),
    updateScopes: prepare(
      'UPDATE subscriptions SET scopes = ?, requested_scopes = ?, updated_at = ? WHERE id = ?',
    ),
    listKeysOfConsumer: prepare(
      `SELECT ${keyColumns} FROM keys WHERE consumer_id = ? ORDER BY created_at, id`,
    ),
    // End dates are compared as instants in JavaScript, as everywhere else, not as text in SQL.
    countByEndDate: prepare(
      'SELECT status, expires_at AS expiresAt, COUNT(*) AS count FROM subscriptions GROUP BY status, expires_at',
    ),
  };
  return {
    insertConsumer(consumer) {
      statements.insertConsumer.run(
        consumer.id,
        consumer.application,
        consumer.email,
        consumer.createdAt,
      );
    },
    findConsumerById(id) {
      return statements.findConsumerById.get(id) as ConsumerRecord | undefined;
    },
    insertKey(key) {
      statements.insertKey.run(key.id, key.consumerId, key.prefix, key.hash, key.createdAt);
    },
    insertSubscription(subscription) {
      statements.insertSubscription.run(
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
      );
    },
    findKeyByPrefix(prefix) {
      return statements.findKeyByPrefix.get(prefix) as KeyRecord | undefined;
    },
    findKeyById(id) {
      return statements.findKeyById.get(id) as KeyRecord | undefined;
    },
    findSubscription(id) {
      return statements.findSubscription.get(id) as SubscriptionRecord | undefined;
    },
    listSubscriptionsOfKey(keyId) {
      return statements.listSubscriptionsOfKey.all(keyId) as unknown as SubscriptionRecord[];
    },
    listConsumers() {
      return statements.listConsumers.all() as unknown as ConsumerRecord[];
    },
    listKeys() {
      return statements.listKeys.all() as unknown as KeyRecord[];
    },
    listSubscriptions() {
      return statements.listSubscriptions.all() as unknown as SubscriptionRecord[];
    },
    updateStatus(id, status, updatedAt) {
      statements.updateStatus.run(status, updatedAt, id);
    },
    updatePlan(id, plan, updatedAt) {
      statements.updatePlan.run(plan, updatedAt, id);
    },
    updateScopes(id, scopes, requestedScopes, updatedAt) {
      statements.updateScopes.run(scopes, requestedScopes, updatedAt, id);
    },
    listKeysOfConsumer(consumerId) {
      return statements.listKeysOfConsumer.all(consumerId) as unknown as KeyRecord[];
    },
    countByState(nowMs) {
      const counts = Object.fromEntries(subscriptionStates.map((state) => [state, 0])) as Record<
        SubscriptionState,
        number
      >;
      for (const row of statements.countByEndDate.all() as (Pick<
        SubscriptionRecord,
        'status' | 'expiresAt'
      > & { count: number })[]) {
        counts[toSubscriptionState(row, nowMs)] += row.count;
      }
      return counts;
    },
  };
}

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
