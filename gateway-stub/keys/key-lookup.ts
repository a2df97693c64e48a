import type { PlanName } from '../../catalog/index.ts';
import type { ChangeDetector } from '../store/change-detector.ts';
import type { KeyStore, SubscriptionStatus } from '../store/key-store.ts';
import { toExpiryInstant } from './expiry.ts';
import { isKeyShaped, toKeyPrefix } from './key-format.ts';
import type { KeyHasher } from './key-hasher.ts';

/** A subscription as the request path checks it. */
export interface GrantedSubscription {
  id: string;
  plan: PlanName;
  status: SubscriptionStatus;
  /** Epoch ms from which it is expired: Infinity when it never expires, -Infinity when unreadable. */
  expiresAtMs: number;
}

/** A recognised key and what it may call. */
export interface KeyGrant {
  keyId: string;
  consumerId: string;
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

/** How many keys the lookup keeps in memory before it starts over (the bench goes past it). */
export const maxCachedKeys = 10_000;

interface CachedKey {
  grant: KeyGrant;
  hash: Uint8Array;
}

/**
 * Creates the lookup. Grants are cached by display prefix (unknown prefixes too, so a stream
 * of bad keys does not query the store each time). `changes` tells whether anything was
 * committed since the last look — by the CLI in another process too; if so the cache is
 * dropped, so a revocation applies to the very next request.
 *
 * The check is a system call, so it runs once per turn of the event loop rather than once
 * per request: every request handled in a turn was received before the turn's poll returned,
 * hence after any commit that preceded its sending, and the first lookup of the turn sees
 * that commit. Under load a turn handles many requests; one at a time, each gets its own check.
 */
export function createKeyLookup(
  changes: ChangeDetector,
  store: KeyStore,
  hasher: KeyHasher,
  maxEntries = maxCachedKeys,
): KeyLookup {
  const cache = new Map<string, CachedKey | null>();
  // Keys already proven against their hash, so a busy key pays the HMAC once, not per call
  // (measured: the HMAC was the largest cost the gateway added to a request). The map holds
  // keys this process received anyway; the store still holds only hashes.
  const verified = new Map<string, KeyGrant>();
  let checkedThisTurn = false;
  const endTurn = (): void => {
    checkedThisTurn = false;
  };

  /** Drops the cache if another connection committed since the last look. */
  function checkForChanges(): void {
    if (checkedThisTurn) return;
    checkedThisTurn = true;
    setImmediate(endTurn);
    if (!changes.hasChanged()) return;
    cache.clear();
    verified.clear();
  }

  function load(prefix: string): CachedKey | null {
    const key = store.findKeyByPrefix(prefix);
    if (!key) return null;
    const subscriptions = new Map<string, GrantedSubscription>();
    for (const item of store.listSubscriptionsOfKey(key.id)) {
      subscriptions.set(item.api, {
        id: item.id,
        plan: item.plan,
        status: item.status,
        expiresAtMs: toExpiryInstant(item.expiresAt),
      });
    }
    return {
      grant: { keyId: key.id, consumerId: key.consumerId, prefix, subscriptions },
      hash: key.hash,
    };
  }

  return {
    find(key) {
      checkForChanges();
      const known = verified.get(key);
      if (known !== undefined) return known;
      if (!isKeyShaped(key)) return undefined;
      const prefix = toKeyPrefix(key);
      let cached = cache.get(prefix);
      if (cached === undefined) {
        if (cache.size >= maxEntries) cache.clear();
        cached = load(prefix);
        cache.set(prefix, cached);
      }
      if (cached === null || !hasher.matches(key, cached.hash)) return undefined;
      if (verified.size >= maxEntries) verified.clear();
      verified.set(key, cached.grant);
      return cached.grant;
    },
    invalidate() {
      cache.clear();
      verified.clear();
    },
  };
}
