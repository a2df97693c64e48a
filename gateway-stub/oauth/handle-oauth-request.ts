import type { FailureGuard } from '../auth/failure-guard.ts';
import type { ClientLookup } from '../clients/client-lookup.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendJson, sendProblem } from '../http/send-response.ts';
import type { ApiRoute } from '../routing/route-table.ts';
import type { AccessTokens } from './access-tokens.ts';
import { authenticateClient } from './authenticate-client.ts';
import { sendOAuthError } from './oauth-errors.ts';
import { readForm } from './read-form.ts';
import type { RevokedTokens } from './revoked-tokens.ts';
import { signingAlgorithm, type SigningKeys } from './signing-keys.ts';
import { createTokenEndpoint } from './token-endpoint.ts';

/** Where the authorization server answers on the public port. */
export const oauthPaths = {
  token: '/oauth/token',
  revoke: '/oauth/revoke',
  metadata: '/.well-known/oauth-authorization-server',
  jwks: '/.well-known/jwks.json',
} as const;

/** True for a path the authorization server answers. */
export function isOAuthPath(url: string): boolean {
  return url.startsWith('/oauth/') || url.startsWith('/.well-known/');
}

/** What the authorization server needs. */
export interface OAuthOptions {
  /** The sandbox's public address: `iss`, and the base of every endpoint in the metadata. */
  issuer: string;
  routes: ReadonlyMap<string, ApiRoute>;
  clients: ClientLookup;
  tokens: AccessTokens;
  revoked: RevokedTokens;
  signingKeys: SigningKeys;
  failures: FailureGuard;
  /** The portal, for `service_documentation`. */
  portalUrl: string | undefined;
  fail: (exchange: Exchange, error: unknown) => void;
}

/**
 * The sandbox's OAuth 2.0 authorization server, for partners to rehearse the production flow:
 * `POST /oauth/token` (RFC 6749 §4.4), `POST /oauth/revoke` (RFC 7009), the metadata (RFC 8414)
 * and the JWKS its tokens verify against. Introspection (RFC 7662) is on the admin port.
 */
export function createOAuthHandler(options: OAuthOptions): (exchange: Exchange) => void {
  const { issuer, clients, tokens, revoked, signingKeys, failures, fail } = options;
  const issueToken = createTokenEndpoint(options);
  const metadata = (): Record<string, unknown> => ({
    issuer,
    token_endpoint: `${issuer}${oauthPaths.token}`,
    jwks_uri: `${issuer}${oauthPaths.jwks}`,
    revocation_endpoint: `${issuer}${oauthPaths.revoke}`,
    grant_types_supported: ['client_credentials'],
    // No authorization endpoint: the sandbox runs no user-facing flow (RFC 8414 §2 asks for the field).
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: [
      ...new Set(
        [...options.routes.values()]
          .filter((route) => !route.concealed)
          .flatMap((route) => route.scopes),
      ),
    ].sort(),
    ...(options.portalUrl === undefined ? {} : { service_documentation: `${options.portalUrl}/` }),
  });

  const revoke = async (exchange: Exchange, form: URLSearchParams): Promise<void> => {
    const found = await authenticateClient(exchange, form, clients, failures);
    if (found === undefined) return;
    const token = form.get('token');
    if (token === null || token === '') {
      sendOAuthError(exchange, 'invalid_request', {
        en: 'Send the token to revoke in the token parameter.',
        fr: 'Envoyez le jeton à révoquer dans le paramètre token.',
      });
      return;
    }
    const result = await tokens.verifyForRevocation(token);
    // RFC 7009 §2.2: an invalid token, or one of another client, gets the same 200: the answer
    // tells nothing about tokens the client does not hold.
    if (!('refused' in result) && result.clientId === found.client.id) {
      await revoked.revoke(result.jti, Math.ceil(result.expiresAtMs / 1000));
    }
    sendJson(exchange, 200, {}, { pragma: 'no-cache' });
  };

  const withForm = (
    exchange: Exchange,
    handle: (exchange: Exchange, form: URLSearchParams) => Promise<void>,
  ): void => {
    if (exchange.req.method !== 'POST') {
      sendProblem(
        exchange,
        'methodNotAllowed',
        {
          en: 'The authorization server takes POST here.',
          fr: 'Le serveur d’autorisation prend POST à cette adresse.',
        },
        {
          headers: { allow: 'POST' },
        },
      );
      return;
    }
    readForm(
      exchange,
      (form) => {
        handle(exchange, form).catch((error: unknown) => {
          fail(exchange, error);
        });
      },
      fail,
    );
  };

  return (exchange) => {
    const path = (exchange.req.url ?? '').split('?')[0];
    switch (path) {
      case oauthPaths.token:
        withForm(exchange, issueToken);
        return;
      case oauthPaths.revoke:
        withForm(exchange, revoke);
        return;
      case oauthPaths.metadata:
      case oauthPaths.jwks:
        if (exchange.req.method !== 'GET' && exchange.req.method !== 'HEAD') {
          sendProblem(
            exchange,
            'methodNotAllowed',
            { en: 'Read it with GET.', fr: 'Lisez-le avec GET.' },
            {
              headers: { allow: 'GET, HEAD' },
            },
          );
          return;
        }
        if (path === oauthPaths.metadata) {
          sendJson(exchange, 200, metadata());
          return;
        }
        Promise.resolve(signingKeys.jwks()).then(
          (jwks) => {
            sendJson(exchange, 200, jwks);
          },
          (error: unknown) => {
            fail(exchange, error);
          },
        );
        return;
      default:
        sendProblem(exchange, 'notFound', {
          en: `The authorization server answers POST ${oauthPaths.token}, POST ${oauthPaths.revoke}, GET ${oauthPaths.metadata} and GET ${oauthPaths.jwks} (${signingAlgorithm} keys).`,
          fr: `Le serveur d’autorisation répond à POST ${oauthPaths.token}, POST ${oauthPaths.revoke}, GET ${oauthPaths.metadata} et GET ${oauthPaths.jwks} (clés ${signingAlgorithm}).`,
        });
    }
  };
}
