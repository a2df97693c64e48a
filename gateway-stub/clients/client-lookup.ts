import { timingSafeEqual } from 'node:crypto';
import { createBoundedCache } from '../cache/bounded-cache.ts';
import type { KeyHasher } from '../keys/key-hasher.ts';
import { maxCachedKeys, toKeyGrant, type KeyGrant } from '../keys/key-lookup.ts';
import type { Awaitable } from '../store/awaitable.ts';
import type { ChangeWatch } from '../store/change-watch.ts';
import type { ClientRecord, ClientStore, StoredClientGrant } from '../store/client-store.ts';
import { isClientIdShaped } from './client-format.ts';

/** A client and the grant of the key it belongs to. */
export interface ClientGrant {
  client: ClientRecord;
  grant: KeyGrant;
}

/**
 * Finds clients and checks their secrets, from memory when nothing changed: at once for a
 * client already seen, and on SQLite always; a promise when PostgreSQL must be asked.
 */
export interface ClientLookup {
  /** The client of an id, revoked ones included, or undefined. */
  find(clientId: string): Awaitable<ClientGrant | undefined>;
  /**
   * The active client a presented id and secret name, or undefined. The work is the same for
   * an unknown id, a wrong secret and a right one (one HMAC, two constant-time comparisons),
   * so timing tells an attacker nothing about which it was.
   */
  authenticate(clientId: string, secret: string, nowMs: number): Awaitable<ClientGrant | undefined>;
}

/** Stands for the hash of an unknown client, so its refusal costs what a wrong secret costs. */
const absentHash = new Uint8Array(32);

function toClientGrant(stored: StoredClientGrant | undefined): ClientGrant | null {
  return stored === undefined ? null : { client: stored.client, grant: toKeyGrant(stored.grant) };
}

function toFound(found: ClientGrant | null): ClientGrant | undefined {
  return found ?? undefined;
}

/** Creates the lookup, dropped whenever the store changes (`watch`). */
export function createClientLookup(
  watch: ChangeWatch,
  clients: Pick<ClientStore, 'findClientGrant'>,
  hasher: KeyHasher,
  maxEntries = maxCachedKeys,
): ClientLookup {
  const cache = createBoundedCache<string, ClientGrant | null>(maxEntries);
  const loading = new Map<string, Promise<ClientGrant | null>>();
  // A read that started before a change must not keep what it read.
  let generation = 0;
  watch.onChange(() => {
    cache.clear();
    loading.clear();
    generation += 1;
  });

  const load = (
    clientId: string,
    read: Promise<StoredClientGrant | undefined>,
  ): Promise<ClientGrant | null> => {
    const started = generation;
    const pending = read.then(
      (stored) => {
        const found = toClientGrant(stored);
        if (started === generation) {
          cache.set(clientId, found);
          loading.delete(clientId);
        }
        return found;
      },
      (error: unknown) => {
        if (started === generation) loading.delete(clientId);
        throw error;
      },
    );
    loading.set(clientId, pending);
    return pending;
  };

  const find = (clientId: string): Awaitable<ClientGrant | undefined> => {
    watch.check();
    if (!isClientIdShaped(clientId)) return undefined;
    let cached = cache.get(clientId);
    if (cached === undefined) {
      const pending = loading.get(clientId);
      if (pending !== undefined) return pending.then(toFound);
      const read = clients.findClientGrant(clientId);
      if (read instanceof Promise) return load(clientId, read).then(toFound);
      cached = toClientGrant(read);
      cache.set(clientId, cached);
    }
    return cached ?? undefined;
  };

  const check = (
    found: ClientGrant | undefined,
    secret: string,
    nowMs: number,
  ): ClientGrant | undefined => {
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
  };

  return {
    find,
    authenticate(clientId, secret, nowMs) {
      const found = find(clientId);
      return found instanceof Promise
        ? found.then((ready) => check(ready, secret, nowMs))
        : check(found, secret, nowMs);
    },
  };
}

function isSameHash(candidate: Buffer, stored: Uint8Array): boolean {
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
