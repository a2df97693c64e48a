import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { createBoundedCache } from '../cache/bounded-cache.ts';
import { maxCachedKeys } from '../keys/key-lookup.ts';
import { signingAlgorithm, type SigningKeys } from './signing-keys.ts';

/**
 * The JWT type of the statement the gateway sends the back end (`X-Guichet-Identity`): not an
 * access token (`at+jwt`), so the sandbox never takes one for the other.
 */
export const identityTokenType = 'guichet-identity+jwt';

/** Who calls, as the back end is told. */
export interface CallerStatement {
  consumerId: string;
  application: string;
  clientId: string | undefined;
  plan: string;
  /** Space-separated, sorted. */
  scope: string;
  api: string;
}

/** Signs short-lived statements of who calls, as PISTE forwards a caller's identity. */
export interface IdentityTokens {
  /**
   * The statement for a caller: from memory while it has more than half its life left (one
   * per consumer, API, plan and scopes), else signed anew — asynchronously, by the key that
   * signs access tokens, so a back end verifies it against the same JWKS.
   */
  statementOf(caller: CallerStatement): string | Promise<string>;
}

/** Lifetime of a statement, in seconds: it vouches for one call, made now. */
export const identityLifetimeSeconds = 120;

/**
 * Creates the signer. It keeps a statement for as many callers as the key lookup keeps keys:
 * with 16,384, a sandbox whose 100,000 keys were all in use signed a statement again on nearly
 * every call, the largest cost of its request path (an ES256 signature through WebCrypto).
 */
export function createIdentityTokens(issuer: string, signingKeys: SigningKeys): IdentityTokens {
  const cache = createBoundedCache<string, { token: string; renewAt: number; kid: string }>(
    maxCachedKeys,
  );
  const statementWith = (
    caller: CallerStatement,
    key: string,
    signing: { kid: string; privateKey: KeyObject },
  ): string | Promise<string> => {
    const { kid, privateKey } = signing;
    const cached = cache.get(key);
    if (cached !== undefined && cached.renewAt > Date.now() && cached.kid === kid)
      return cached.token;
    const claims: Record<string, string> = {
      application: caller.application,
      plan: caller.plan,
      api: caller.api,
    };
    if (caller.clientId !== undefined) claims.client_id = caller.clientId;
    if (caller.scope !== '') claims.scope = caller.scope;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: signingAlgorithm, kid, typ: identityTokenType })
      .setIssuer(issuer)
      .setSubject(caller.consumerId)
      .setAudience(`${issuer}/${caller.api}`)
      .setIssuedAt()
      .setExpirationTime(`${String(identityLifetimeSeconds)}s`)
      .sign(privateKey)
      .then((token) => {
        cache.set(key, {
          token,
          renewAt: Date.now() + (identityLifetimeSeconds * 1000) / 2,
          kid,
        });
        return token;
      });
  };
  return {
    statementOf(caller) {
      const key = `${caller.consumerId} ${caller.api} ${caller.plan} ${caller.clientId ?? ''} ${caller.scope}`;
      const signing = signingKeys.current();
      // The keys are read again after a change on PostgreSQL: the statement waits for them.
      return signing instanceof Promise
        ? signing.then((ready) => statementWith(caller, key, ready))
        : statementWith(caller, key, signing);
    },
  };
}
