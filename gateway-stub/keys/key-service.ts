import type { PlanName, Visibility } from '../../catalog/index.ts';
import { createClientId, createClientSecret } from '../clients/client-format.ts';
import type { ClientStore } from '../store/client-store.ts';
import {
  toSubscriptionState,
  type KeyStore,
  type SubscriptionChange,
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

/**
 * Consumers, keys, clients and subscriptions as the admin API, the CLI and self-service manage
 * them. Every change settles once committed: what it answers is in the store.
 */
export interface KeyService {
  /** Issues a key, its OAuth 2.0 client (id and secret) and its subscription to one API. */
  issueKey(input: IssueKeyInput): Promise<IssuedKey>;
  listKeys(): Promise<KeyView[]>;
  listConsumers(): Promise<ConsumerView[]>;
  /**
   * Applies a decision to the subscriptions a reference names (`key-references.ts`); approving
   * also grants the restricted scopes they asked for.
   */
  decide(reference: string, action: StatusAction, api?: string): Promise<KeyView>;
  changePlan(reference: string, plan: PlanName, api?: string): Promise<KeyView>;
  /**
   * Sets the scopes the subscriptions a reference names grant: a list of the API's scopes
   * (narrower or wider than the default, restricted ones included), or `default` for the API's
   * default grant. Scopes asked for and not in the list are declined.
   */
  setScopes(
    reference: string,
    scopes: readonly string[] | 'default',
    api?: string,
  ): Promise<KeyView>;
  /** The API's scopes and restricted scopes, as the service knows them. */
  apiScopes(api: string): { scopes: readonly string[]; restrictedScopes: readonly string[] };
}

/** Everything the service works with. */
export interface KeyServiceOptions {
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
  const { store, clients, hasher, apis } = options;
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

  async function find(reference: string, api?: string): Promise<SubscriptionRecord[]> {
    if (api !== undefined) checkApi(api);
    const found = await findSubscriptions(store, clients, reference, api);
    if (found.length > 0) return found;
    throw new KeyServiceError(
      'unknown-subscription',
      `"${reference}" has no subscription${api === undefined ? '' : ` to "${api}"`}`,
      'check the API id; `list` shows each key with its subscriptions',
    );
  }

  async function viewOfKey(keyId: string): Promise<KeyView> {
    const key = await store.findKeyById(keyId);
    if (!key) throw new KeyServiceError('unknown-subscription', `no key "${keyId}"`, '');
    const consumer = await store.findConsumerById(key.consumerId);
    return toKeyView(
      key,
      new Map(consumer ? [[consumer.id, consumer]] : []),
      await store.listSubscriptionsOfKey(key.id),
      now().getTime(),
      await clients.findClientOfKey(key.id),
      scopesOf,
    );
  }

  /** Writes the changes, tells the caches, and answers the key's view as now stored. */
  async function apply(
    found: SubscriptionRecord[],
    changes: SubscriptionChange[],
  ): Promise<KeyView> {
    await store.updateSubscriptions(changes);
    changed();
    return viewOfKey(found[0]?.keyId ?? '');
  }

  return {
    async issueKey(input) {
      const access = checkApi(input.api);
      const plan = toPlan(input.plan ?? 'free');
      const expiresAt = toExpiry(input.expiresAt);
      const date = now();
      const at = date.toISOString();
      const { consumer, created } = await toConsumer(store, input, at);
      const keyId = toId('key');
      const clientId = createClientId();
      const clientSecret = createClientSecret();
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
      const client = {
        id: clientId,
        keyId,
        secretHash: hasher.hashKey(clientSecret),
        previousSecretHash: null,
        previousSecretUntil: null,
        status: 'active' as const,
        createdAt: at,
        updatedAt: at,
      };
      let fresh = createKey();
      // A clash of 48-bit prefixes is unlikely but would make a key unreachable: draw again.
      while (
        !(await store.insertIssuedKey({
          consumer: created ? consumer : undefined,
          key: {
            id: keyId,
            consumerId: consumer.id,
            prefix: fresh.prefix,
            hash: hasher.hashKey(fresh.key),
            createdAt: at,
          },
          client,
          subscription,
        }))
      ) {
        fresh = createKey();
      }
      changed();
      const { granted, requested } = scopesOf(subscription);
      return {
        key: fresh.key,
        prefix: fresh.prefix,
        clientId,
        clientSecret,
        keyId,
        consumerId: consumer.id,
        subscription: {
          id: subscription.id,
          api: subscription.api,
          plan: subscription.plan,
          state: toSubscriptionState(subscription, date.getTime()),
          expiresAt: subscription.expiresAt,
          scopes: granted,
          requestedScopes: requested,
        },
      };
    },
    async listKeys() {
      const at = now().getTime();
      const consumers = new Map((await store.listConsumers()).map((item) => [item.id, item]));
      const byKey = Map.groupBy(await store.listSubscriptions(), (item) => item.keyId);
      const clientOfKey = new Map(
        (await clients.listClients()).map((client) => [client.keyId, client]),
      );
      return (await store.listKeys()).map((key) =>
        toKeyView(key, consumers, byKey.get(key.id) ?? [], at, clientOfKey.get(key.id), scopesOf),
      );
    },
    async listConsumers() {
      const byConsumer = Map.groupBy(await store.listKeys(), (key) => key.consumerId);
      return (await store.listConsumers()).map((consumer) => ({
        id: consumer.id,
        application: consumer.application,
        email: consumer.email,
        createdAt: consumer.createdAt,
        keys: (byConsumer.get(consumer.id) ?? []).map((key) => key.prefix),
      }));
    },
    async decide(reference, action, api) {
      const found = await find(reference, api);
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
      return apply(
        found,
        found.map((item) => {
          const change: SubscriptionChange = {
            id: item.id,
            updatedAt: at,
            status: targetStatus[action],
          };
          const requested = parseScopeList(item.requestedScopes);
          if (action === 'approve' && requested.length > 0) {
            const granted = toGrantedScopes(item.scopes, scopesOfApi(item.api));
            change.scopes = {
              granted: toScopeListText([...granted, ...requested]),
              requested: '[]',
            };
          }
          return change;
        }),
      );
    },
    async changePlan(reference, plan, api) {
      const checked = toPlan(plan);
      const found = await find(reference, api);
      const at = now().toISOString();
      return apply(
        found,
        found.map((item) => ({ id: item.id, updatedAt: at, plan: checked })),
      );
    },
    async setScopes(reference, scopes, api) {
      const found = await find(reference, api);
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
      const granted = scopes === 'default' ? null : toScopeListText(scopes);
      return apply(
        found,
        found.map((item) => ({ id: item.id, updatedAt: at, scopes: { granted, requested: '[]' } })),
      );
    },
    apiScopes: scopesOfApi,
  };
}
