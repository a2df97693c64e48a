import type { DatabaseSync } from 'node:sqlite';
import type { PlanName, Visibility } from '../../catalog/index.ts';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import { createClientId, createClientSecret } from '../clients/client-format.ts';
import type { ClientStore } from '../store/client-store.ts';
import {
  toSubscriptionState,
  type KeyStore,
  type SubscriptionRecord,
  type SubscriptionStatus,
} from '../store/key-store.ts';
import { createKey } from './key-format.ts';
import type { KeyHasher } from './key-hasher.ts';
import { toConsumer, toExpiry, toId, toPlan } from './key-inputs.ts';
import { findSubscriptions } from './key-references.ts';
import { KeyServiceError } from './key-service-error.ts';
import { parseScopeList, toGrantedScopes, toScopeListText } from './subscription-scopes.ts';
import { toKeyView, type ConsumerView, type IssuedKey, type KeyView } from './key-views.ts';

/** What the key service needs to know of an API: who may subscribe at once, and its scopes. */
export interface ApiAccess {
  visibility: Visibility;
  /** Every OAuth 2.0 scope its versions declare or need. */
  scopes?: readonly string[];
  /** Those only an administrator grants. */
  restrictedScopes?: readonly string[];
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

/** Consumers, keys, clients and subscriptions as the admin API, the CLI and self-service manage them. */
export interface KeyService {
  /** Issues a key, its OAuth 2.0 client (id and secret) and its subscription to one API. */
  issueKey(input: IssueKeyInput): IssuedKey;
  listKeys(): KeyView[];
  listConsumers(): ConsumerView[];
  /**
   * Applies a decision to the subscriptions a reference names (`key-references.ts`); approving
   * also grants the restricted scopes they asked for.
   */
  decide(reference: string, action: StatusAction, api?: string): KeyView;
  changePlan(reference: string, plan: PlanName, api?: string): KeyView;
  /**
   * Sets the scopes the subscriptions a reference names grant: a list of the API's scopes
   * (narrower or wider than the default, restricted ones included), or `default` for the API's
   * default grant. Scopes asked for and not in the list are declined.
   */
  setScopes(reference: string, scopes: readonly string[] | 'default', api?: string): KeyView;
  /** The API's scopes and restricted scopes, as the service knows them. */
  apiScopes(api: string): { scopes: readonly string[]; restrictedScopes: readonly string[] };
}

/** Everything the service works with. */
export interface KeyServiceOptions {
  db: DatabaseSync;
  store: KeyStore;
  clients: ClientStore;
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
  const { db, store, clients, hasher, apis } = options;
  const now = options.now ?? (() => new Date());
  const changed = options.onChange ?? (() => undefined);

  function checkApi(api: string): ApiAccess {
    const access = apis.get(api);
    if (access) return access;
    throw new KeyServiceError(
      'unknown-api',
      `no API "${api}" in the sandbox's catalog`,
      `use one of: ${[...apis.keys()].sort().join(', ')}`,
    );
  }

  const scopesOfApi = (
    api: string,
  ): { scopes: readonly string[]; restrictedScopes: readonly string[] } => {
    const access = apis.get(api);
    return { scopes: access?.scopes ?? [], restrictedScopes: access?.restrictedScopes ?? [] };
  };

  const scopesOf = (item: SubscriptionRecord): { granted: string[]; requested: string[] } => ({
    granted: [...toGrantedScopes(item.scopes, scopesOfApi(item.api))].sort(),
    requested: parseScopeList(item.requestedScopes),
  });

  function find(reference: string, api?: string): SubscriptionRecord[] {
    if (api !== undefined) checkApi(api);
    const found = findSubscriptions(store, clients, reference, api);
    if (found.length > 0) return found;
    throw new KeyServiceError(
      'unknown-subscription',
      `"${reference}" has no subscription${api === undefined ? '' : ` to "${api}"`}`,
      'check the API id; `list` shows each key with its subscriptions',
    );
  }

  function viewOfKey(keyId: string): KeyView {
    const key = store.findKeyById(keyId);
    if (!key) throw new KeyServiceError('unknown-subscription', `no key "${keyId}"`, '');
    const consumers = new Map(store.listConsumers().map((item) => [item.id, item]));
    return toKeyView(
      key,
      consumers,
      store.listSubscriptionsOfKey(key.id),
      now().getTime(),
      clients.findClientOfKey(key.id),
      scopesOf,
    );
  }

  return {
    issueKey(input) {
      const access = checkApi(input.api);
      const plan = toPlan(input.plan ?? 'free');
      const expiresAt = toExpiry(input.expiresAt);
      const date = now();
      const at = date.toISOString();
      const issued = inTransaction(db, () => {
        const consumer = toConsumer(store, input, at);
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
        const clientId = createClientId();
        const clientSecret = createClientSecret();
        clients.insertClient({
          id: clientId,
          keyId,
          secretHash: hasher.hashKey(clientSecret),
          previousSecretHash: null,
          previousSecretUntil: null,
          status: 'active',
          createdAt: at,
          updatedAt: at,
        });
        const subscription: SubscriptionRecord = {
          id: toId('sub'),
          keyId,
          api: input.api,
          plan,
          status: input.status ?? 'active',
          expiresAt,
          scopes: null,
          // The application asks for the API's every scope; restricted ones await approval.
          requestedScopes: toScopeListText(access.restrictedScopes ?? []),
          createdAt: at,
          updatedAt: at,
        };
        store.insertSubscription(subscription);
        return { fresh, keyId, consumerId: consumer.id, subscription, clientId, clientSecret };
      });
      changed();
      const { granted, requested } = scopesOf(issued.subscription);
      return {
        key: issued.fresh.key,
        prefix: issued.fresh.prefix,
        clientId: issued.clientId,
        clientSecret: issued.clientSecret,
        keyId: issued.keyId,
        consumerId: issued.consumerId,
        subscription: {
          id: issued.subscription.id,
          api: issued.subscription.api,
          plan: issued.subscription.plan,
          state: toSubscriptionState(issued.subscription, date.getTime()),
          expiresAt: issued.subscription.expiresAt,
          scopes: granted,
          requestedScopes: requested,
        },
      };
    },
    listKeys() {
      const at = now().getTime();
      const consumers = new Map(store.listConsumers().map((item) => [item.id, item]));
      const byKey = Map.groupBy(store.listSubscriptions(), (item) => item.keyId);
      const clientOfKey = new Map(clients.listClients().map((client) => [client.keyId, client]));
      return store
        .listKeys()
        .map((key) =>
          toKeyView(key, consumers, byKey.get(key.id) ?? [], at, clientOfKey.get(key.id), scopesOf),
        );
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
      const found = find(reference, api);
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
        for (const item of found) {
          store.updateStatus(item.id, targetStatus[action], at);
          const requested = parseScopeList(item.requestedScopes);
          if (action === 'approve' && requested.length > 0) {
            const granted = toGrantedScopes(item.scopes, scopesOfApi(item.api));
            store.updateScopes(item.id, toScopeListText([...granted, ...requested]), '[]', at);
          }
        }
      });
      changed();
      return viewOfKey(found[0]?.keyId ?? '');
    },
    changePlan(reference, plan, api) {
      const checked = toPlan(plan);
      const found = find(reference, api);
      const at = now().toISOString();
      inTransaction(db, () => {
        for (const item of found) store.updatePlan(item.id, checked, at);
      });
      changed();
      return viewOfKey(found[0]?.keyId ?? '');
    },
    setScopes(reference, scopes, api) {
      const found = find(reference, api);
      if (scopes !== 'default') {
        for (const item of found) {
          const known = new Set(scopesOfApi(item.api).scopes);
          const unknown = scopes.find((scope) => !known.has(scope));
          if (unknown === undefined) continue;
          throw new KeyServiceError(
            'invalid-input',
            `"${unknown}" is no scope of API "${item.api}"`,
            known.size === 0
              ? `API "${item.api}" declares no OAuth 2.0 scope`
              : `use some of: ${[...known].join(', ')}`,
          );
        }
      }
      const at = now().toISOString();
      inTransaction(db, () => {
        for (const item of found) {
          store.updateScopes(
            item.id,
            scopes === 'default' ? null : toScopeListText(scopes),
            '[]',
            at,
          );
        }
      });
      changed();
      return viewOfKey(found[0]?.keyId ?? '');
    },
    apiScopes: scopesOfApi,
  };
}
