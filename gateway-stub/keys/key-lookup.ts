import type { PlanName } from '../../catalog/index.ts';
import { createBoundedCache } from '../cache/bounded-cache.ts';
import type { ChangeWatch } from '../store/change-watch.ts';
import type { KeyStore, StoredGrant, SubscriptionStatus } from '../store/key-store.ts';
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
  /**
   * The grant of a key, or undefined when the key is unknown (or malformed): at once for a key
   * already seen, and on SQLite always; a promise when PostgreSQL must be asked (a first use),
   * which rejects with `StoreUnavailableError` when it cannot be.
   */
  find(key: string): KeyGrant | undefined | Promise<KeyGrant | undefined>;
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
export function toKeyGrant(stored: StoredGrant): KeyGrant {
  const subscriptions = new Map<string, GrantedSubscription>();
  for (const item of stored.subscriptions) {
    subscriptions.set(item.api, {
      id: item.id,
      plan: item.plan,
      status: item.status,
      expiresAtMs: toExpiryInstant(item.expiresAt),
      scopes: item.scopes === null ? undefined : new Set(parseScopeList(item.scopes)),
    });
  }
  return {
    keyId: stored.key.id,
    consumerId: stored.key.consumerId,
    application: stored.application,
    prefix: stored.key.prefix,
    subscriptions,
  };
}

function toCachedKey(stored: StoredGrant | undefined): CachedKey | null {
  return stored === undefined ? null : { grant: toKeyGrant(stored), hash: stored.key.hash };
}

/**
 * Creates the lookup. Grants are cached by display prefix (unknown prefixes too, so a stream
 * of bad keys does not query the store each time). `watch` tells whether anything was
 * committed since the last look — by the CLI in another process too, by another instance on
 * PostgreSQL; if so the cache is dropped, so a revocation applies to the very next request.
 * A key seen once answers from memory, whatever the store's state: PostgreSQL away, the keys
 * in use go on working. A first use reads the store once (`findGrantByPrefix`: one indexed
 * query on PostgreSQL), requests for the same prefix meanwhile waiting for that one read.
 */
export function createKeyLookup(
  watch: ChangeWatch,
  store: Pick<KeyStore, 'findGrantByPrefix'>,
  hasher: KeyHasher,
  maxEntries = maxCachedKeys,
): KeyLookup {
  const cache = createBoundedCache<string, CachedKey | null>(maxEntries);
  // Keys already proven against their hash, so a busy key pays the HMAC once, not per call
  // (measured: the HMAC was the largest cost the gateway added to a request). The cache holds
  // keys this process received anyway; the store still holds only hashes.
  const verified = createBoundedCache<string, KeyGrant>(maxEntries);
  // Reads of PostgreSQL under way, by prefix; none on SQLite, which answers at once.
  const loading = new Map<string, Promise<CachedKey | null>>();
  // A read that started before a change must not keep what it read.
  let generation = 0;
  const invalidate = (): void => {
    cache.clear();
    verified.clear();
    loading.clear();
    generation += 1;
  };
  watch.onChange(invalidate);

  const check = (key: string, cached: CachedKey | null, fresh: boolean): KeyGrant | undefined => {
    if (cached === null || !hasher.matches(key, cached.hash)) return undefined;
    if (fresh) verified.set(key, cached.grant);
    return cached.grant;
  };

  const loadLater = (
    key: string,
    prefix: string,
    read: Promise<StoredGrant | undefined>,
  ): Promise<KeyGrant | undefined> => {
    const started = generation;
    const pending = read.then(
      (stored) => {
        const cached = toCachedKey(stored);
        if (started === generation) {
          cache.set(prefix, cached);
          loading.delete(prefix);
        }
        return cached;
      },
      (error: unknown) => {
        if (started === generation) loading.delete(prefix);
        throw error;
      },
    );
    loading.set(prefix, pending);
    return pending.then((cached) => check(key, cached, started === generation));
  };

  return {
    find(key) {
      watch.check();
      const known = verified.get(key);
      if (known !== undefined) return known;
      if (!isKeyShaped(key)) return undefined;
      const prefix = toKeyPrefix(key);
      let cached = cache.get(prefix);
      if (cached === undefined) {
        const pending = loading.get(prefix);
        if (pending !== undefined) {
          const started = generation;
          return pending.then((ready) => check(key, ready, started === generation));
        }
        const stored = store.findGrantByPrefix(prefix);
        if (stored instanceof Promise) return loadLater(key, prefix, stored);
        cached = toCachedKey(stored);
        cache.set(prefix, cached);
      }
      return check(key, cached, true);
    },
    invalidate,
  };
}
