import { toTokenRequest } from '../../catalog/sandbox-credentials.ts';
import { isScopeName } from '../../catalog/openapi/security-schemes.ts';
import { readLimited } from '../tools/sandbox-request.ts';

/** Longest wait for the token endpoint, in ms: as long as for a call. */
const tokenTimeoutMs = 30_000;

/** What the sandbox's token endpoint answered, when it did not issue a token. */
export interface TokenRefusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A token, the endpoint's refusal, or nothing when it could not be reached. */
export type TokenOutcome =
  | { kind: 'issued'; token: string }
  | { kind: 'refused'; refusal: TokenRefusal }
  | { kind: 'unreachable' };

/**
 * Asks the sandbox's own token endpoint (`<sandbox>/oauth/token`, never a URL from a document
 * or an argument) for a token by client credentials with the scopes the operation needs. A
 * scope no `scope` parameter can carry (RFC 6749 §3.3) is not asked for: the gateway then
 * refuses the call, as it would refuse any token. Redirects are not followed.
 */
export async function requestSandboxToken(
  sandboxUrl: string,
  clientId: string,
  clientSecret: string,
  scopes: readonly string[],
): Promise<TokenOutcome> {
  const request = toTokenRequest(sandboxUrl, clientId, clientSecret, scopes.filter(isScopeName));
  if (new URL(request.url).origin !== new URL(sandboxUrl).origin) return { kind: 'unreachable' };
  let answer: Response;
  try {
    answer = await fetch(request.url, {
      ...request.init,
      signal: AbortSignal.timeout(tokenTimeoutMs),
    });
  } catch {
    return { kind: 'unreachable' };
  }
  const body = await readLimited(answer);
  if (answer.status === 200) {
    let token: unknown;
    try {
      token = (JSON.parse(body) as { access_token?: unknown }).access_token;
    } catch {
      token = undefined;
    }
    if (typeof token === 'string' && /^[\x21-\x7e]{1,8192}$/.test(token)) {
      return { kind: 'issued', token };
    }
  }
  return {
    kind: 'refused',
    refusal: { status: answer.status, headers: Object.fromEntries(answer.headers), body },
  };
}
