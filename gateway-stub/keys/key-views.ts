import type { PlanName } from '../../catalog/index.ts';
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
}

/** A key as administrators see it: its prefix, never the key or its hash. */
export interface KeyView {
  keyId: string;
  prefix: string;
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

/** A key just issued: the only time the key itself is shown. */
export interface IssuedKey {
  key: string;
  prefix: string;
  keyId: string;
  consumerId: string;
  subscription: SubscriptionView;
}

/** Joins a key with its consumer and subscriptions. */
export function toKeyView(
  key: KeyRecord,
  consumers: ReadonlyMap<string, ConsumerRecord>,
  subscriptions: readonly SubscriptionRecord[],
  nowMs: number,
): KeyView {
  const consumer = consumers.get(key.consumerId);
  return {
    keyId: key.id,
    prefix: key.prefix,
    createdAt: key.createdAt,
    consumer: {
      id: key.consumerId,
      application: consumer?.application ?? '',
      email: consumer?.email ?? null,
    },
    subscriptions: subscriptions.map((item) => ({
      id: item.id,
      api: item.api,
      plan: item.plan,
      state: toSubscriptionState(item, nowMs),
      expiresAt: item.expiresAt,
    })),
  };
}
