import type { Exchange } from '../http/exchange.ts';
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

/**
 * Who calls, as the mock server (and an owner's stub) is told: the consumer id (`con_…`), the
 * application's name (percent-encoded past visible ASCII, as a header holds only that), the
 * plan, the scopes granted, and `X-Guichet-Identity`, a short-lived JWT signed by the sandbox
 * that states the same (verifiable against the sandbox's JWKS). An anonymous call states its
 * plan alone. The statement is signed asynchronously the first time; it is then reused.
 */
export function toIdentityHeaders(
  exchange: Exchange,
  statements: IdentityTokens,
): Record<string, string> | Promise<Record<string, string>> {
  const { identity } = exchange;
  if (identity === undefined) return anonymousHeaders;
  const { grant } = identity;
  const statement = statements.statementOf({
    consumerId: grant.consumerId,
    application: grant.application,
    clientId: identity.clientId,
    plan: exchange.plan,
    scope: exchange.grantedScopes,
    api: exchange.api,
  });
  const headers = (token: string): Record<string, string> => {
    const out: Record<string, string> = {
      [identityHeaderNames.consumer]: grant.consumerId,
      [identityHeaderNames.application]: toHeaderText(grant.application),
      [identityHeaderNames.plan]: exchange.plan,
      [identityHeaderNames.statement]: token,
    };
    if (exchange.grantedScopes !== '') out[identityHeaderNames.scopes] = exchange.grantedScopes;
    return out;
  };
  return typeof statement === 'string' ? headers(statement) : statement.then(headers);
}

/** Text as a header value holds it: visible ASCII and spaces, anything else percent-encoded. */
export function toHeaderText(text: string): string {
  return /^[\x20-\x24\x26-\x7e]*$/.test(text)
    ? text
    : text.replace(/[^\x20-\x24\x26-\x7e]/gu, encodeURIComponent);
}
