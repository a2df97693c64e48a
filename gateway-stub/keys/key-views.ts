import type { PlanName } from '../../catalog/index.ts';
import type { ClientRecord } from '../store/client-store.ts';
import {
  toSubscriptionState,
  type ConsumerRecord,
  type KeyRecord,
  type SubscriptionRecord,
  type SubscriptionState,
} from '../store/key-store.ts';

/** A subscription as administrators see it. */
export interface SubscriptionView {
  id: string;
  api: string;
  plan: PlanName;
  state: SubscriptionState;
  expiresAt: string | null;
  /** OAuth 2.0 scopes granted now (the API's default grant, or an administrator's list). */
  scopes: string[];
  /** Restricted scopes asked for, awaiting an administrator's approval. */
  requestedScopes: string[];
}

/** A key as administrators see it: its prefix, never the key or its hash. */
export interface KeyView {
  keyId: string;
  prefix: string;
  /** The key's OAuth 2.0 client id, when it has one (keys issued before clients existed do not). */
  clientId: string | null;
  /** `active`, or `revoked` once the client may no longer authenticate. */
  clientStatus: string | null;
  createdAt: string;
  consumer: { id: string; application: string; email: string | null };
  subscriptions: SubscriptionView[];
}

/** A consumer and the prefixes of its keys. */
export interface ConsumerView {
  id: string;
  application: string;
  email: string | null;
  createdAt: string;
  keys: string[];
}

/** A key just issued: the only time the key itself, and its client secret, are shown. */
export interface IssuedKey {
  key: string;
  prefix: string;
  /** The OAuth 2.0 client id issued with the key (client credentials, HTTP basic). */
  clientId: string;
  /** Its secret, shown this once. */
  clientSecret: string;
  keyId: string;
  consumerId: string;
  subscription: SubscriptionView;
}

/** The scopes a subscription grants now and asks for (`subscription-scopes.ts`). */
export type ScopesOf = (subscription: SubscriptionRecord) => {
  granted: string[];
  requested: string[];
};

/** Joins a key with its consumer, client and subscriptions. */
export function toKeyView(
  key: KeyRecord,
  consumers: ReadonlyMap<string, ConsumerRecord>,
  subscriptions: readonly SubscriptionRecord[],
  nowMs: number,
  client: ClientRecord | undefined,
  scopesOf: ScopesOf,
): KeyView {
  const consumer = consumers.get(key.consumerId);
  return {
    keyId: key.id,
    prefix: key.prefix,
    clientId: client?.id ?? null,
    clientStatus: client?.status ?? null,
    createdAt: key.createdAt,
    consumer: {
      id: key.consumerId,
      application: consumer?.application ?? '',
      email: consumer?.email ?? null,
    },
    subscriptions: subscriptions.map((item) => {
      const { granted, requested } = scopesOf(item);
      return {
        id: item.id,
        api: item.api,
        plan: item.plan,
        state: toSubscriptionState(item, nowMs),
        expiresAt: item.expiresAt,
        scopes: granted,
        requestedScopes: requested,
      };
    }),
  };
}
