import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PlanName } from '../../catalog/index.ts';
import type { KeyStore, SubscriptionStatus } from '../store/key-store.ts';
import { isKeyShaped, toKeyPrefix } from './key-format.ts';
import type { KeyHasher } from './key-hasher.ts';

/** A subscription as the request path checks it. */
export interface GrantedSubscription {
  id: string;
  plan: PlanName;
  status: SubscriptionStatus;
  /** Epoch ms after which it is expired; Infinity when it never expires. */
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

interface CachedKey {
  grant: KeyGrant;
  hash: Uint8Array;
}

/**
 * Creates the lookup. Grants are cached by display prefix (unknown prefixes too, so a stream
 * of bad keys does not query the store each time). Before each lookup, `PRAGMA data_version`
 * tells whether ANOTHER connection — the CLI in another process — committed since the last
 * look; if so the cache is dropped, so a revocation applies to the very next request. That
 * check costs about 1 µs; changes made through this connection call `invalidate()` instead.
 */
export function createKeyLookup(
  db: DatabaseSync,
  store: KeyStore,
  hasher: KeyHasher,
  maxEntries = 10_000,
): KeyLookup {
  const cache = new Map<string, CachedKey | null>();
  const dataVersion: StatementSync = db.prepare('PRAGMA data_version');
  dataVersion.setReturnArrays(true);
  let seenVersion = readDataVersion(dataVersion);

  function load(prefix: string): CachedKey | null {
    const key = store.findKeyByPrefix(prefix);
    if (!key) return null;
    const subscriptions = new Map<string, GrantedSubscription>();
    for (const item of store.listSubscriptionsOfKey(key.id)) {
      subscriptions.set(item.api, {
        id: item.id,
        plan: item.plan,
        status: item.status,
        expiresAtMs: item.expiresAt === null ? Infinity : Date.parse(item.expiresAt),
      });
    }
    return {
      grant: { keyId: key.id, consumerId: key.consumerId, prefix, subscriptions },
      hash: key.hash,
    };
  }

  return {
    find(key) {
      if (!isKeyShaped(key)) return undefined;
      const version = readDataVersion(dataVersion);
      if (version !== seenVersion) {
        seenVersion = version;
        cache.clear();
      }
      const prefix = toKeyPrefix(key);
      let cached = cache.get(prefix);
      if (cached === undefined) {
        if (cache.size >= maxEntries) cache.clear();
        cached = load(prefix);
        cache.set(prefix, cached);
      }
      if (cached === null || !hasher.matches(key, cached.hash)) return undefined;
      return cached.grant;
    },
    invalidate() {
      cache.clear();
    },
  };
}

function readDataVersion(statement: StatementSync): number {
  const row = statement.get() as unknown as [number] | undefined;
  return row?.[0] ?? 0;
}
