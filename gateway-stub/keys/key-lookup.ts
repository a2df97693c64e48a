import type { PlanName } from '../../catalog/index.ts';
import { createBoundedCache } from '../cache/bounded-cache.ts';
import type { ChangeWatch } from '../store/change-watch.ts';
import type { KeyRecord, KeyStore, SubscriptionStatus } from '../store/key-store.ts';
import { toExpiryInstant } from './expiry.ts';
import { isKeyShaped, toKeyPrefix } from './key-format.ts';
import type { KeyHasher } from './key-hasher.ts';
import { parseScopeList } from './subscription-scopes.ts';

/** A subscription as the request path checks it. */
export interface GrantedSubscription {
  id: string;
  plan: PlanName;
  status: SubscriptionStatus;
  /** Epoch ms from which it is expired: Infinity when it never expires, -Infinity when unreadable. */
  expiresAtMs: number;
  /** Scopes an administrator set, or undefined for the API's default grant. */
  scopes: ReadonlySet<string> | undefined;
}

/** A recognised key (or the key behind a client) and what it may call. */
export interface KeyGrant {
  keyId: string;
  consumerId: string;
  /** The consumer's application name. */
  application: string;
  prefix: string;
  /** Subscriptions by API id. */
  subscriptions: ReadonlyMap<string, GrantedSubscription>;
}

/** Finds the grant behind a presented key, from memory when nothing changed. */
export interface KeyLookup {
  /** The grant of a key, or undefined when the key is unknown (or malformed). */
  find(key: string): KeyGrant | undefined;
  /** Drops every cached grant (after a change made through this process's connection). */
  invalidate(): void;
}

/**
 * How many keys the lookup keeps in memory: more than the sandbox's busiest stores hold active
 * keys, so they all stay verified (the bench sends 100,000 in turn). Past it the least recently
 * used are forgotten, never the whole cache at once (`bounded-cache.ts`).
 */
export const maxCachedKeys = 131_072;

interface CachedKey {
  grant: KeyGrant;
  hash: Uint8Array;
}

/** Builds the grant of a stored key: its consumer's name and its subscriptions. */
export function loadKeyGrant(store: KeyStore, key: KeyRecord): KeyGrant {
  const subscriptions = new Map<string, GrantedSubscription>();
  for (const item of store.listSubscriptionsOfKey(key.id)) {
    subscriptions.set(item.api, {
      id: item.id,
      plan: item.plan,
      status: item.status,
      expiresAtMs: toExpiryInstant(item.expiresAt),
      scopes: item.scopes === null ? undefined : new Set(parseScopeList(item.scopes)),
    });
  }
  return {
    keyId: key.id,
    consumerId: key.consumerId,
    application: store.findConsumerById(key.consumerId)?.application ?? '',
    prefix: key.prefix,
    subscriptions,
  };
}

/**
 * Creates the lookup. Grants are cached by display prefix (unknown prefixes too, so a stream
 * of bad keys does not query the store each time). `watch` tells whether anything was
 * committed since the last look — by the CLI in another process too; if so the cache is
 * dropped, so a revocation applies to the very next request.
 */
export function createKeyLookup(
  watch: ChangeWatch,
  store: KeyStore,
  hasher: KeyHasher,
  maxEntries = maxCachedKeys,
): KeyLookup {
  const cache = createBoundedCache<string, CachedKey | null>(maxEntries);
  // Keys already proven against their hash, so a busy key pays the HMAC once, not per call
  // (measured: the HMAC was the largest cost the gateway added to a request). The cache holds
  // keys this process received anyway; the store still holds only hashes.
  const verified = createBoundedCache<string, KeyGrant>(maxEntries);
  const invalidate = (): void => {
    cache.clear();
    verified.clear();
  };
  watch.onChange(invalidate);

  function load(prefix: string): CachedKey | null {
    const key = store.findKeyByPrefix(prefix);
    if (!key) return null;
    return { grant: loadKeyGrant(store, key), hash: key.hash };
  }

  return {
    find(key) {
      watch.check();
      const known = verified.get(key);
      if (known !== undefined) return known;
      if (!isKeyShaped(key)) return undefined;
      const prefix = toKeyPrefix(key);
      let cached = cache.get(prefix);
      if (cached === undefined) {
        cached = load(prefix);
        cache.set(prefix, cached);
      }
      if (cached === null || !hasher.matches(key, cached.hash)) return undefined;
      verified.set(key, cached.grant);
      return cached.grant;
    },
    invalidate,
  };
}
