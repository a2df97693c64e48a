import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { planNames, type PlanName, type Visibility } from '../../catalog/index.ts';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import {
  toSubscriptionState,
  type ConsumerRecord,
  type KeyStore,
  type SubscriptionRecord,
  type SubscriptionStatus,
} from '../store/key-store.ts';
import { expiryInputSchema } from './expiry.ts';
import { createKey, isKeyPrefix } from './key-format.ts';
import type { KeyHasher } from './key-hasher.ts';
import { KeyServiceError } from './key-service-error.ts';
import { toKeyView, type ConsumerView, type IssuedKey, type KeyView } from './key-views.ts';

/** What the key service needs to know of an API: whether anyone may subscribe at once. */
export interface ApiAccess {
  visibility: Visibility;
}

/**
 * What it takes to issue a key: a new consumer's `application` (and `email`), or the id of an
 * existing consumer to attach the key to — an administrator's act, never self-service's, since
 * a name and an email prove nothing about who asks.
 */
export interface IssueKeyInput {
  application?: string | undefined;
  email?: string | undefined;
  consumerId?: string | undefined;
  api: string;
  plan?: PlanName | undefined;
  /** Defaults to `active`; self-service asks for `pending` on restricted APIs. */
  status?: 'active' | 'pending' | undefined;
  /** ISO date-time or `YYYY-MM-DD` after which the subscription is expired. */
  expiresAt?: string | undefined;
}

/** A decision on subscriptions. */
export type StatusAction = 'approve' | 'reject' | 'revoke';

/** Consumers, keys and subscriptions as the admin API and the CLI manage them. */
export interface KeyService {
  issueKey(input: IssueKeyInput): IssuedKey;
  listKeys(): KeyView[];
  listConsumers(): ConsumerView[];
  /** Applies a decision to the subscriptions a reference names (see `findSubscriptions`). */
  decide(reference: string, action: StatusAction, api?: string): KeyView;
  changePlan(reference: string, plan: PlanName, api?: string): KeyView;
}

/** Everything the service works with. */
export interface KeyServiceOptions {
  db: DatabaseSync;
  store: KeyStore;
  hasher: KeyHasher;
  apis: ReadonlyMap<string, ApiAccess>;
  /** Called after every change, so the gateway drops what it cached. */
  onChange?: () => void;
  now?: () => Date;
}

const targetStatus: Record<StatusAction, SubscriptionStatus> = {
  approve: 'active',
  reject: 'rejected',
  revoke: 'revoked',
};

/** Which stored statuses each decision may start from (the target itself is a no-op). */
const allowedFrom: Record<StatusAction, readonly SubscriptionStatus[]> = {
  approve: ['pending', 'rejected', 'active'],
  reject: ['pending', 'rejected'],
  revoke: ['active', 'pending', 'rejected', 'revoked'],
};

/** Creates the service over an open store. */
export function createKeyService(options: KeyServiceOptions): KeyService {
  const { db, store, hasher, apis } = options;
  const now = options.now ?? (() => new Date());
  const changed = options.onChange ?? (() => undefined);

  function checkApi(api: string): void {
    if (apis.has(api)) return;
    throw new KeyServiceError(
      'unknown-api',
      `no API "${api}" in the sandbox's catalog`,
      `use one of: ${[...apis.keys()].sort().join(', ')}`,
    );
  }

  function findSubscriptions(reference: string, api?: string): SubscriptionRecord[] {
    if (api !== undefined) checkApi(api);
    const single = store.findSubscription(reference);
    if (single) return api === undefined || single.api === api ? [single] : [];
    const key = isKeyPrefix(reference)
      ? store.findKeyByPrefix(reference)
      : store.findKeyById(reference);
    if (!key) {
      throw new KeyServiceError(
        'unknown-subscription',
        `no key or subscription "${reference}"`,
        'name a key by its prefix (gk_ and 8 characters) or its id (key_…), or a subscription by its id (sub_…); `list` shows them',
      );
    }
    const subscriptions = store.listSubscriptionsOfKey(key.id);
    return api === undefined ? subscriptions : subscriptions.filter((item) => item.api === api);
  }

  function viewOfKey(keyId: string): KeyView {
    const key = store.findKeyById(keyId);
    if (!key) throw new KeyServiceError('unknown-subscription', `no key "${keyId}"`, '');
    const consumers = new Map(store.listConsumers().map((item) => [item.id, item]));
    return toKeyView(key, consumers, store.listSubscriptionsOfKey(key.id), now().getTime());
  }

  /** The consumer the key goes to: the one named by id, or a new one. */
  function toConsumer(input: IssueKeyInput, at: string): ConsumerRecord {
    if (input.consumerId !== undefined) {
      if (input.application !== undefined || input.email !== undefined) {
        throw new KeyServiceError(
          'invalid-input',
          'a consumer id and an application name were both given',
          'give the consumer id alone to attach the key to that consumer, or an application (and email) for a new one',
        );
      }
      const existing = store.findConsumerById(input.consumerId);
      if (existing) return existing;
      throw new KeyServiceError(
        'invalid-input',
        `no consumer "${input.consumerId}"`,
        'GET /consumers (or `npm run keys -- list`) shows the consumers and their ids',
      );
    }
    if (input.application === undefined || input.application.trim() === '') {
      throw new KeyServiceError(
        'invalid-input',
        'no application name and no consumer id',
        'name the application of a new consumer, or give the id (con_…) of an existing one',
      );
    }
    const consumer: ConsumerRecord = {
      id: toId('con'),
      application: input.application,
      email: input.email ?? null,
      createdAt: at,
    };
    store.insertConsumer(consumer);
    return consumer;
  }

  function requireSome(found: SubscriptionRecord[], reference: string, api?: string): void {
    if (found.length > 0) return;
    throw new KeyServiceError(
      'unknown-subscription',
      `"${reference}" has no subscription${api === undefined ? '' : ` to "${api}"`}`,
      'check the API id; `list` shows each key with its subscriptions',
    );
  }

  return {
    issueKey(input) {
      checkApi(input.api);
      const plan = input.plan ?? 'free';
      if (!planNames.includes(plan)) {
        throw new KeyServiceError(
          'invalid-input',
          `unknown plan "${plan}"`,
          `use one of: ${planNames.join(', ')}`,
        );
      }
      const expiresAt = toExpiry(input.expiresAt);
      const date = now();
      const at = date.toISOString();
      const issued = inTransaction(db, () => {
        const consumer = toConsumer(input, at);
        let fresh = createKey();
        // A clash of 48-bit prefixes is unlikely but would make a key unreachable: draw again.
        while (store.findKeyByPrefix(fresh.prefix)) fresh = createKey();
        const keyId = toId('key');
        store.insertKey({
          id: keyId,
          consumerId: consumer.id,
          prefix: fresh.prefix,
          hash: hasher.hashKey(fresh.key),
          createdAt: at,
        });
        const subscription: SubscriptionRecord = {
          id: toId('sub'),
          keyId,
          api: input.api,
          plan,
          status: input.status ?? 'active',
          expiresAt,
          createdAt: at,
          updatedAt: at,
        };
        store.insertSubscription(subscription);
        return { fresh, keyId, consumerId: consumer.id, subscription };
      });
      changed();
      return {
        key: issued.fresh.key,
        prefix: issued.fresh.prefix,
        keyId: issued.keyId,
        consumerId: issued.consumerId,
        subscription: {
          id: issued.subscription.id,
          api: issued.subscription.api,
          plan: issued.subscription.plan,
          state: toSubscriptionState(issued.subscription, date.getTime()),
          expiresAt: issued.subscription.expiresAt,
        },
      };
    },
    listKeys() {
      const at = now().getTime();
      const consumers = new Map(store.listConsumers().map((item) => [item.id, item]));
      const byKey = Map.groupBy(store.listSubscriptions(), (item) => item.keyId);
      return store.listKeys().map((key) => toKeyView(key, consumers, byKey.get(key.id) ?? [], at));
    },
    listConsumers() {
      const byConsumer = Map.groupBy(store.listKeys(), (key) => key.consumerId);
      return store.listConsumers().map((consumer) => ({
        id: consumer.id,
        application: consumer.application,
        email: consumer.email,
        createdAt: consumer.createdAt,
        keys: (byConsumer.get(consumer.id) ?? []).map((key) => key.prefix),
      }));
    },
    decide(reference, action, api) {
      const found = findSubscriptions(reference, api);
      requireSome(found, reference, api);
      const blocked = found.find((item) => !allowedFrom[action].includes(item.status));
      if (blocked) {
        throw new KeyServiceError(
          'conflicting-state',
          `cannot ${action} subscription ${blocked.id} (${blocked.api}): it is ${blocked.status}`,
          blocked.status === 'revoked'
            ? 'a revoked key stays revoked: issue a new key'
            : 'revoke an active subscription instead of rejecting it',
        );
      }
      const at = now().toISOString();
      inTransaction(db, () => {
        for (const item of found) store.updateStatus(item.id, targetStatus[action], at);
      });
      changed();
      return viewOfKey(found[0]?.keyId ?? '');
    },
    changePlan(reference, plan, api) {
      if (!planNames.includes(plan)) {
        throw new KeyServiceError(
          'invalid-input',
          `unknown plan "${plan}"`,
          `use one of: ${planNames.join(', ')}`,
        );
      }
      const found = findSubscriptions(reference, api);
      requireSome(found, reference, api);
      const at = now().toISOString();
      inTransaction(db, () => {
        for (const item of found) store.updatePlan(item.id, plan, at);
      });
      changed();
      return viewOfKey(found[0]?.keyId ?? '');
    },
  };
}

/** `con_…`, `key_…`, `sub_…`: random, so ids reveal neither order nor count. */
function toId(kind: string): string {
  return `${kind}_${randomBytes(9).toString('base64url')}`;
}

/** The end date to store, checked as the admin API checks it (the CLI comes this way). */
function toExpiry(value: string | undefined): string | null {
  if (value === undefined) return null;
  const parsed = expiryInputSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new KeyServiceError(
    'invalid-input',
    `end date "${value}" ${parsed.error.issues[0]?.message ?? 'is not valid'}`,
    '',
  );
}
