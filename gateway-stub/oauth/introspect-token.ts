import type { ClientLookup } from '../clients/client-lookup.ts';
import type { AccessTokens } from './access-tokens.ts';

/**
 * RFC 7662 introspection, for owners' back ends and administrators (the admin port, behind the
 * admin token): `{ active: false }` for a token that is malformed, expired, revoked, or whose
 * client is revoked; otherwise its claims, with the consumer and application it stands for.
 */
export async function introspectToken(
  token: string,
  tokens: AccessTokens,
  clients: ClientLookup,
  issuer: string,
): Promise<Record<string, unknown>> {
  const result = await tokens.verify(token);
  if ('refused' in result) return { active: false };
  const client = await clients.find(result.clientId);
  if (client === undefined || client.client.status !== 'active') return { active: false };
  return {
    active: true,
    token_type: 'Bearer',
    iss: issuer,
    client_id: result.clientId,
    sub: result.clientId,
    aud: result.audiences,
    exp: Math.floor(result.expiresAtMs / 1000),
    jti: result.jti,
    ...(result.scopes.size === 0 ? {} : { scope: [...result.scopes].join(' ') }),
    consumer_id: client.grant.consumerId,
    application: client.grant.application,
  };
}
