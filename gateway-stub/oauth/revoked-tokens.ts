import type { Awaitable } from '../store/awaitable.ts';
import type { ClientStore } from '../store/client-store.ts';

/** Access tokens revoked before their expiry (RFC 7009), by `jti`. */
export interface RevokedTokens {
  /** At once once the list is in memory; the first time after a change on PostgreSQL, a read. */
  has(jti: string): Awaitable<boolean>;
  /** Records a revocation in the store; it holds until the token would have expired. */
  revoke(jti: string, expiresAtSeconds: number): Promise<void>;
  /** Reads the list again on next use (another process revoked a token). */
  invalidate(): void;
}

/**
 * Creates the list over the store. It is read whole into memory, as revoked tokens are few
 * and each lives only until its token's expiry; rows past it are pruned at each revocation.
 */
export function createRevokedTokens(
  store: Pick<ClientStore, 'listRevokedTokens' | 'revokeToken'>,
  now = Date.now,
): RevokedTokens {
  let revoked: Set<string> | undefined;
  let loading: Promise<Set<string>> | undefined;
  // A read that started before a change must not keep what it read.
  let generation = 0;
  const load = (): Awaitable<Set<string>> => {
    if (revoked) return revoked;
    if (loading) return loading;
    const started = generation;
    const keep = (jtis: readonly string[]): Set<string> => {
      const set = new Set(jtis);
      if (started === generation) revoked = set;
      return set;
    };
    const read = store.listRevokedTokens(Math.floor(now() / 1000));
    if (!(read instanceof Promise)) return keep(read);
    loading = read.then(keep).finally(() => {
      if (started === generation) loading = undefined;
    });
    return loading;
  };
  return {
    has(jti) {
      const set = load();
      return set instanceof Promise ? set.then((ready) => ready.has(jti)) : set.has(jti);
    },
    async revoke(jti, expiresAtSeconds) {
      await store.revokeToken(jti, expiresAtSeconds, Math.floor(now() / 1000));
      revoked?.add(jti);
    },
    invalidate() {
      revoked = undefined;
      loading = undefined;
      generation += 1;
    },
  };
}
