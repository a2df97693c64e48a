import { isScopeName } from '../../catalog/openapi/security-schemes.ts';
import type { FailureGuard } from '../auth/failure-guard.ts';
import type { ClientLookup } from '../clients/client-lookup.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendJson } from '../http/send-response.ts';
import type { ApiRoute } from '../routing/route-table.ts';
import type { AccessTokens } from './access-tokens.ts';
import { authenticateClient } from './authenticate-client.ts';
import { sendOAuthError } from './oauth-errors.ts';

/** What the token endpoint needs. */
export interface TokenEndpointOptions {
  routes: ReadonlyMap<string, ApiRoute>;
  clients: ClientLookup;
  tokens: AccessTokens;
  failures: FailureGuard;
}

/**
 * `POST /oauth/token` (RFC 6749 §4.4): the client credentials grant. The token carries the
 * scopes asked for — each granted by one of the client's active subscriptions, else
 * `invalid_scope` — or all of those granted when `scope` is left out; its audiences are the
 * APIs of those subscriptions. A client whose subscriptions are all pending, rejected, revoked
 * or expired gets `invalid_grant`. Answers `{ access_token, token_type, expires_in, scope }`.
 */
export function createTokenEndpoint(
  options: TokenEndpointOptions,
): (exchange: Exchange, form: URLSearchParams) => Promise<void> {
  const { routes, clients, tokens, failures } = options;
  return async (exchange, form) => {
    const found = await authenticateClient(exchange, form, clients, failures);
    if (found === undefined) return;
    exchange.consumerId = found.grant.consumerId;
    const grantType = form.get('grant_type');
    if (grantType === null) {
      sendOAuthError(exchange, 'invalid_request', {
        en: 'Send grant_type=client_credentials.',
        fr: 'Envoyez grant_type=client_credentials.',
      });
      return;
    }
    if (grantType !== 'client_credentials') {
      sendOAuthError(exchange, 'unsupported_grant_type', {
        en: 'The sandbox issues tokens by the client_credentials grant only, whatever flow the document declares.',
        fr: 'Le bac à sable n’émet de jetons que par l’autorisation client_credentials, quel que soit le flux que déclare le document.',
      });
      return;
    }
    const now = Date.now();
    const granted = new Map<string, Set<string>>();
    for (const [api, subscription] of found.grant.subscriptions) {
      const route = routes.get(api);
      if (
        route === undefined ||
        subscription.status !== 'active' ||
        now >= subscription.expiresAtMs
      )
        continue;
      granted.set(api, new Set(subscription.scopes ?? route.defaultScopes));
    }
    if (granted.size === 0) {
      sendOAuthError(exchange, 'invalid_grant', {
        en: 'The client holds no active subscription: it may be pending approval, rejected, revoked or expired.',
        fr: 'Le client n’a aucun abonnement actif : il peut être en attente d’approbation, refusé, révoqué ou expiré.',
      });
      return;
    }
    const all = new Set([...granted.values()].flatMap((scopes) => [...scopes]));
    const asked = form.get('scope');
    const requested =
      asked === null ? [...all].sort() : asked.split(' ').filter((scope) => scope !== '');
    const bad = requested.find((scope) => !isScopeName(scope));
    if (bad !== undefined || (asked !== null && requested.length === 0 && asked !== '')) {
      sendOAuthError(exchange, 'invalid_scope', {
        en: 'The scope parameter is not a space-separated list of scopes.',
        fr: 'Le paramètre scope n’est pas une liste de portées séparées par des espaces.',
      });
      return;
    }
    const missing = requested.filter((scope) => !all.has(scope));
    if (missing.length > 0) {
      const missingText = missing.slice(0, 5).join(' ').slice(0, 300);
      sendOAuthError(exchange, 'invalid_scope', {
        en: `The client's subscriptions do not grant ${missingText}${all.size === 0 ? '' : `; they grant ${[...all].sort().join(' ')}`}.`,
        fr: `Les abonnements du client n’accordent pas ${missingText}${all.size === 0 ? '' : ` ; ils accordent ${[...all].sort().join(' ')}`}.`,
      });
      return;
    }
    const unique = [...new Set(requested)];
    const issued = await tokens.issue({
      clientId: found.client.id,
      scopes: unique,
      audiences: [...granted.keys()].map((api) => tokens.audienceOf(api)),
    });
    sendJson(
      exchange,
      200,
      {
        access_token: issued.token,
        token_type: 'Bearer',
        expires_in: issued.expiresIn,
        ...(unique.length === 0 ? {} : { scope: unique.join(' ') }),
      },
      { pragma: 'no-cache' },
    );
  };
}
