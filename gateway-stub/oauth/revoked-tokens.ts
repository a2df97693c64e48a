import type { ClientStore } from '../store/client-store.ts';

/** Access tokens revoked before their expiry (RFC 7009), by `jti`. */
export interface RevokedTokens {
  has(jti: string): boolean;
  /** Records a revocation in the store; it holds until the token would have expired. */
  revoke(jti: string, expiresAtSeconds: number): void;
  /** Reads the list again on next use (another process revoked a token). */
  invalidate(): void;
}

/**
 * Creates the list over the store. It is read whole into memory, as revoked tokens are few
 * and each lives only until its token's expiry; rows past it are pruned at each revocation.
 */
export function createRevokedTokens(store: ClientStore, now = Date.now): RevokedTokens {
  let revoked: Set<string> | undefined;
  const load = (): Set<string> => {
    revoked ??= new Set(store.listRevokedTokens(Math.floor(now() / 1000)));
    return revoked;
  };
  return {
    has(jti) {
      return load().has(jti);
    },
    revoke(jti, expiresAtSeconds) {
      store.pruneRevokedTokens(Math.floor(now() / 1000));
      store.revokeToken(jti, expiresAtSeconds);
      load().add(jti);
    },
    invalidate() {
      revoked = undefined;
    },
  };
}
