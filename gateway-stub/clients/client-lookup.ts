import { timingSafeEqual } from 'node:crypto';
import { createBoundedCache } from '../cache/bounded-cache.ts';
import type { KeyHasher } from '../keys/key-hasher.ts';
import { loadKeyGrant, maxCachedKeys, type KeyGrant } from '../keys/key-lookup.ts';
import type { ChangeWatch } from '../store/change-watch.ts';
import type { ClientRecord, ClientStore } from '../store/client-store.ts';
import type { KeyStore } from '../store/key-store.ts';
import { isClientIdShaped } from './client-format.ts';

/** A client and the grant of the key it belongs to. */
export interface ClientGrant {
  client: ClientRecord;
  grant: KeyGrant;
}

/** Finds clients and checks their secrets, from memory when nothing changed. */
export interface ClientLookup {
  /** The client of an id, revoked ones included, or undefined. */
  find(clientId: string): ClientGrant | undefined;
  /**
   * The active client a presented id and secret name, or undefined. The work is the same for
   * an unknown id, a wrong secret and a right one (one HMAC, two constant-time comparisons),
   * so timing tells an attacker nothing about which it was.
   */
  authenticate(clientId: string, secret: string, nowMs: number): ClientGrant | undefined;
}

/** Stands for the hash of an unknown client, so its refusal costs what a wrong secret costs. */
const absentHash = new Uint8Array(32);

/** Creates the lookup, dropped whenever the store changes (`watch`). */
export function createClientLookup(
  watch: ChangeWatch,
  keys: KeyStore,
  clients: ClientStore,
  hasher: KeyHasher,
  maxEntries = maxCachedKeys,
): ClientLookup {
  const cache = createBoundedCache<string, ClientGrant | null>(maxEntries);
  watch.onChange(() => {
    cache.clear();
  });

  const find = (clientId: string): ClientGrant | undefined => {
    watch.check();
    if (!isClientIdShaped(clientId)) return undefined;
    let cached = cache.get(clientId);
    if (cached === undefined) {
      const client = clients.findClient(clientId);
      const key = client === undefined ? undefined : keys.findKeyById(client.keyId);
      cached = client && key ? { client, grant: loadKeyGrant(keys, key) } : null;
      cache.set(clientId, cached);
    }
    return cached ?? undefined;
  };

  return {
    find,
    authenticate(clientId, secret, nowMs) {
      const found = find(clientId);
      const candidate = hasher.hashKey(secret);
      const current = found?.client.secretHash ?? absentHash;
      const previous =
        found?.client.previousSecretHash !== null &&
        found?.client.previousSecretHash !== undefined &&
        (found.client.previousSecretUntil ?? 0) > nowMs
          ? found.client.previousSecretHash
          : absentHash;
      // Both comparisons always run: which one matched, if any, takes no more time.
      const matchesCurrent = isSameHash(candidate, current);
      const matchesPrevious = isSameHash(candidate, previous);
      if (found === undefined || found.client.status !== 'active') return undefined;
      return matchesCurrent || (matchesPrevious && previous !== absentHash) ? found : undefined;
    },
  };
}

function isSameHash(candidate: Buffer, stored: Uint8Array): boolean {
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
