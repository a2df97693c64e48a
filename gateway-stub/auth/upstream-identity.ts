import { createBoundedCache } from '../cache/bounded-cache.ts';
import type { Exchange } from '../http/exchange.ts';
import { maxCachedKeys } from '../keys/key-lookup.ts';
import type { IdentityTokens } from '../oauth/identity-tokens.ts';

/** The headers that tell the back end who calls. The gateway drops any a client sends. */
export const identityHeaderNames = {
  consumer: 'x-guichet-consumer',
  application: 'x-guichet-application',
  plan: 'x-guichet-plan',
  scopes: 'x-guichet-scopes',
  statement: 'x-guichet-identity',
} as const;

const anonymousHeaders: Readonly<Record<string, string>> = {
  [identityHeaderNames.plan]: 'anonymous',
};

/** The identity headers made for one statement, and what they were made of. */
interface StatedHeaders {
  consumerId: string;
  application: string;
  plan: string;
  scope: string;
  headers: Readonly<Record<string, string>>;
}

/** Statements whose headers are kept: as many as the signer keeps statements. */
const keptStatements = maxCachedKeys;

/**
 * Who calls, as the mock server (and an owner's stub) is told: the consumer id (`con_…`), the
 * application's name (percent-encoded past visible ASCII, as a header holds only that), the
 * plan, the scopes granted, and `X-Guichet-Identity`, a short-lived JWT signed by the sandbox
 * that states the same (verifiable against the sandbox's JWKS). An anonymous call states its
 * plan alone. The statement is signed asynchronously the first time; it is then reused, and so
 * are the headers made with it, while it is the signer's answer for the same consumer,
 * application, plan and scopes: they were made anew, with the application's name encoded
 * again, on every call. The headers returned are shared: read them, never change them.
 */
export function createIdentityHeaders(
  statements: IdentityTokens,
): (exchange: Exchange) => Readonly<Record<string, string>> | Promise<Record<string, string>> {
  const made = createBoundedCache<string, StatedHeaders>(keptStatements);
  return (exchange) => {
    const { identity } = exchange;
    if (identity === undefined) return anonymousHeaders;
    const { grant } = identity;
    const { plan, grantedScopes: scope } = exchange;
    const statement = statements.statementOf({
      consumerId: grant.consumerId,
      application: grant.application,
      clientId: identity.clientId,
      plan,
      scope,
      api: exchange.api,
    });
    const headersOf = (token: string): Record<string, string> => {
      const out: Record<string, string> = {
        [identityHeaderNames.consumer]: grant.consumerId,
        [identityHeaderNames.application]: toHeaderText(grant.application),
        [identityHeaderNames.plan]: plan,
        [identityHeaderNames.statement]: token,
      };
      if (scope !== '') out[identityHeaderNames.scopes] = scope;
      return out;
    };
    if (typeof statement !== 'string') return statement.then(headersOf);
    const kept = made.get(statement);
    if (
      kept !== undefined &&
      kept.consumerId === grant.consumerId &&
      kept.application === grant.application &&
      kept.plan === plan &&
      kept.scope === scope
    ) {
      return kept.headers;
    }
    const headers = headersOf(statement);
    made.set(statement, {
      consumerId: grant.consumerId,
      application: grant.application,
      plan,
      scope,
      headers,
    });
    return headers;
  };
}

/** Text as a header value holds it: visible ASCII and spaces, anything else percent-encoded. */
export function toHeaderText(text: string): string {
  return /^[\x20-\x24\x26-\x7e]*$/.test(text)
    ? text
    : text.replace(/[^\x20-\x24\x26-\x7e]/gu, encodeURIComponent);
}
