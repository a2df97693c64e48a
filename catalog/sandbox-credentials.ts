import type { CatalogVersion } from './model.ts';
import type { CatalogOperation } from './openapi/list-operations.ts';
import type { CatalogSecurityScheme } from './openapi/security-schemes.ts';

/**
 * What a call to one operation carries in the sandbox, from the catalog's security model (the
 * one the gateway enforces): the portal's commands, code samples and "try it", and the MCP
 * server's call_sandbox, all start from here. It lives in the catalog because the site and the
 * MCP server both need it and share nothing else; it imports types only, so the page scripts
 * that use it stay small.
 */

/** guichet's own header: the sandbox takes the key there on every operation. */
export const sandboxKeyHeader = 'X-Api-Key';

/** Where the sandbox's authorization server issues tokens, under the sandbox's own URL. */
export const sandboxTokenPath = '/oauth/token';

/**
 * One credential a call carries, as the sandbox takes it: the key where the document names it,
 * an access token with the scopes the operation needs, or the client id and secret by HTTP
 * basic.
 */
export type CredentialNeed =
  | { kind: 'key'; in: 'header' | 'query' | 'cookie'; name: string }
  | { kind: 'token'; scopes: string[] }
  | { kind: 'client' };

/** One scheme of a requirement, and what the sandbox takes for it. */
export interface SchemeCredential {
  /** The scheme's name in the document; undefined when the document declares no security. */
  scheme: string | undefined;
  /** The scheme as declared; undefined for an undeclared name, or no security at all. */
  declared: CatalogSecurityScheme | undefined;
  need: CredentialNeed;
}

/** What it takes to call an operation in the sandbox. */
export interface OperationCredentials {
  /** It may be called without credentials (`security: []`, or `{}` among the alternatives). */
  anonymous: boolean;
  /** Any one of these (OR), each needing all of its credentials (AND), in document order. */
  alternatives: SchemeCredential[][];
}

const ownKey: CredentialNeed = { kind: 'key', in: 'header', name: sandboxKeyHeader };

/**
 * The credentials of each alternative of an operation's security: a key where its scheme puts
 * it, a token (HTTP bearer, OAuth 2.0 of any flow, OpenID Connect) with the alternative's
 * scopes, the client id and secret for HTTP basic. A scheme the sandbox cannot check, and an
 * operation whose document says nothing, take the key in `X-Api-Key`, as the gateway does.
 */
export function toOperationCredentials(
  version: Pick<CatalogVersion, 'securitySchemes'>,
  operation: Pick<CatalogOperation, 'security'>,
): OperationCredentials {
  const { security } = operation;
  if (security.source === 'none') {
    return {
      anonymous: false,
      alternatives: [[{ scheme: undefined, declared: undefined, need: ownKey }]],
    };
  }
  const schemes = new Map(version.securitySchemes.map((scheme) => [scheme.name, scheme]));
  return {
    anonymous: security.anonymous,
    alternatives: security.alternatives.map((alternative) =>
      alternative.map((need): SchemeCredential => {
        const declared = schemes.get(need.scheme);
        return { scheme: need.scheme, declared, need: toNeed(declared, need.scopes) };
      }),
    ),
  };
}

/** What the portal shows first for an operation: its first alternative's (none when open). */
export function toCredentialNeeds(
  version: Pick<CatalogVersion, 'securitySchemes'>,
  operation: Pick<CatalogOperation, 'security'>,
): CredentialNeed[] {
  const [first = []] = toOperationCredentials(version, operation).alternatives;
  return first.map((credential) => credential.need);
}

function toNeed(
  declared: CatalogSecurityScheme | undefined,
  scopes: readonly string[],
): CredentialNeed {
  if (declared?.credential === 'key' && declared.parameterName !== undefined && declared.in) {
    return { kind: 'key', in: declared.in, name: declared.parameterName };
  }
  if (declared?.credential === 'token') return { kind: 'token', scopes: [...scopes] };
  if (declared?.credential === 'client') return { kind: 'client' };
  return ownKey;
}

/** The values a call's credentials take (the site puts placeholders where none is held yet). */
export interface CredentialValues {
  key: string;
  token: string;
  clientId: string;
  clientSecret: string;
}

/** What a request carries to authenticate: header, query and cookie fields, in order. */
export interface CredentialFields {
  headers: [name: string, value: string][];
  query: [name: string, value: string][];
  cookies: [name: string, value: string][];
}

/**
 * Where each need puts its credential in a request. `inBrowser` marks a request a page sends
 * itself, which cannot set a cookie on another origin: a key declared in a cookie goes in
 * `X-Api-Key` there instead, which the sandbox takes for every operation.
 */
export function placeCredentials(
  values: CredentialValues,
  needs: readonly CredentialNeed[],
  inBrowser = false,
): CredentialFields {
  const fields: CredentialFields = { headers: [], query: [], cookies: [] };
  for (const need of needs) {
    if (need.kind === 'key') {
      if (need.in === 'header') fields.headers.push([need.name, values.key]);
      else if (need.in === 'query') fields.query.push([need.name, values.key]);
      else if (inBrowser) fields.headers.push([sandboxKeyHeader, values.key]);
      else fields.cookies.push([need.name, values.key]);
    } else if (need.kind === 'token') {
      fields.headers.push(['Authorization', `Bearer ${values.token}`]);
    } else {
      fields.headers.push([
        'Authorization',
        toBasicAuthorization(values.clientId, values.clientSecret),
      ]);
    }
  }
  return fields;
}

/** `Basic …` for a user id and password (RFC 7617, `charset="UTF-8"` as the sandbox asks). */
export function toBasicAuthorization(userId: string, password: string): string {
  const bytes = new TextEncoder().encode(`${userId}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/**
 * The request that asks the sandbox's token endpoint for an access token by client credentials
 * (`client_secret_basic`), at the sandbox's own URL and nowhere else: never a document's
 * `tokenUrl`. Without `scopes` the token carries every scope the subscription grants.
 */
export function toTokenRequest(
  sandboxUrl: string,
  clientId: string,
  clientSecret: string,
  scopes: readonly string[] = [],
): { url: string; init: RequestInit } {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scopes.length > 0) body.set('scope', scopes.join(' '));
  return {
    url: `${sandboxUrl.replace(/\/+$/, '')}${sandboxTokenPath}`,
    init: {
      method: 'POST',
      headers: {
        authorization: toBasicAuthorization(clientId, clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
      redirect: 'manual',
    },
  };
}
