import { renderMarkdown } from '../markdown/render-markdown.ts';
import { isMapping } from './check-document.ts';
import { resolveLocalRef } from './json-pointer.ts';

/** The OAuth 2.0 flows an OpenAPI document can declare (Swagger 2.0's names mapped to these). */
export const oauthFlowNames = [
  'clientCredentials',
  'authorizationCode',
  'implicit',
  'password',
] as const;

/** One OAuth 2.0 flow's name. */
export type OAuthFlowName = (typeof oauthFlowNames)[number];

/**
 * How the sandbox takes the credentials of a scheme: its trial key where the document says
 * (`key`), an access token it issued (`token`), the application's client id and secret (`client`),
 * or none it can check (`unsupported`: only guichet's own `X-Api-Key` header gets through).
 */
export type SandboxCredential = 'key' | 'token' | 'client' | 'unsupported';

/** A scope as a document declares it. */
export interface DeclaredScope {
  name: string;
  description: string;
}

/** One OAuth 2.0 flow as declared. */
export interface CatalogOAuthFlow {
  name: OAuthFlowName;
  /** The production token URL the document gives, as written. */
  tokenUrl?: string;
  authorizationUrl?: string;
}

/** One security scheme of a version's document (`components.securitySchemes`, `securityDefinitions`). */
export interface CatalogSecurityScheme {
  /** The scheme's key in the document, which requirements name. */
  name: string;
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS' | 'unknown';
  /** `apiKey`: where the key goes. */
  in?: 'header' | 'query' | 'cookie';
  /** `apiKey`: the header, query parameter or cookie name. */
  parameterName?: string;
  /** `http`: the authentication scheme, in lower case (`bearer`, `basic`). */
  httpScheme?: string;
  /** `oauth2`: the flows declared, in document order. */
  flows: CatalogOAuthFlow[];
  /** `oauth2`: every scope of every flow, each once. */
  scopes: DeclaredScope[];
  /**
   * `oauth2` without a `clientCredentials` flow (only `authorizationCode`, `implicit`…): the
   * sandbox still issues tokens for the same scopes, by client credentials.
   */
  clientCredentialsAdded: boolean;
  credential: SandboxCredential;
  /** Sanitised HTML of the scheme's description. */
  descriptionHtml: string;
}

type Mapping = Record<string, unknown>;

/** Swagger 2.0's `flow` values and the OpenAPI 3 flow each stands for. */
const swaggerFlows: Record<string, OAuthFlowName> = {
  application: 'clientCredentials',
  accessCode: 'authorizationCode',
  implicit: 'implicit',
  password: 'password',
};

/** The security schemes a bundled document declares, in document order. */
export function listSecuritySchemes(document: Mapping): CatalogSecurityScheme[] {
  const components = resolveLocalRef(document, document.components);
  const declared = isMapping(components)
    ? resolveLocalRef(document, components.securitySchemes)
    : resolveLocalRef(document, document.securityDefinitions);
  if (!isMapping(declared)) return [];
  const schemes: CatalogSecurityScheme[] = [];
  for (const [name, raw] of Object.entries(declared)) {
    const scheme = resolveLocalRef(document, raw);
    if (!isMapping(scheme)) continue;
    schemes.push(toScheme(name, scheme));
  }
  return schemes;
}

function toScheme(name: string, scheme: Mapping): CatalogSecurityScheme {
  const base: CatalogSecurityScheme = {
    name,
    type: 'unknown',
    flows: [],
    scopes: [],
    clientCredentialsAdded: false,
    credential: 'unsupported',
    descriptionHtml: renderMarkdown(
      typeof scheme.description === 'string' ? scheme.description : undefined,
    ).html,
  };
  const type = typeof scheme.type === 'string' ? scheme.type : '';
  if (type === 'apiKey') {
    const where = scheme.in;
    const parameter = typeof scheme.name === 'string' ? scheme.name.trim() : '';
    // A name that is no HTTP token (RFC 9110 §5.6.2) could not be sent as a header or a cookie,
    // and would break the challenge that names it: the sandbox cannot check such a scheme.
    if (
      (where !== 'header' && where !== 'query' && where !== 'cookie') ||
      !isTokenName(parameter)
    ) {
      return { ...base, type: 'apiKey' };
    }
    return { ...base, type: 'apiKey', in: where, parameterName: parameter, credential: 'key' };
  }
  // Swagger 2.0 writes HTTP basic as a type of its own.
  if (type === 'http' || type === 'basic') {
    const httpScheme =
      type === 'basic'
        ? 'basic'
        : typeof scheme.scheme === 'string'
          ? scheme.scheme.toLowerCase()
          : '';
    const credential: SandboxCredential =
      httpScheme === 'bearer' ? 'token' : httpScheme === 'basic' ? 'client' : 'unsupported';
    return { ...base, type: 'http', httpScheme, credential };
  }
  if (type === 'oauth2') {
    const flows = readFlows(scheme);
    return {
      ...base,
      type: 'oauth2',
      flows: flows.map((flow) => flow.flow),
      scopes: mergeScopes(flows.map((flow) => flow.scopes)),
      clientCredentialsAdded: !flows.some((flow) => flow.flow.name === 'clientCredentials'),
      credential: 'token',
    };
  }
  if (type === 'openIdConnect') return { ...base, type: 'openIdConnect', credential: 'token' };
  if (type === 'mutualTLS') return { ...base, type: 'mutualTLS' };
  return base;
}

function readFlows(scheme: Mapping): { flow: CatalogOAuthFlow; scopes: unknown }[] {
  const toFlow = (
    name: OAuthFlowName,
    flow: Mapping,
  ): { flow: CatalogOAuthFlow; scopes: unknown } => ({
    flow: {
      name,
      ...(typeof flow.tokenUrl === 'string' ? { tokenUrl: flow.tokenUrl } : {}),
      ...(typeof flow.authorizationUrl === 'string'
        ? { authorizationUrl: flow.authorizationUrl }
        : {}),
    },
    scopes: flow.scopes,
  });
  if (isMapping(scheme.flows)) {
    const flows = scheme.flows;
    return oauthFlowNames.flatMap((name) => {
      const flow = flows[name];
      return isMapping(flow) ? [toFlow(name, flow)] : [];
    });
  }
  const swaggerFlow = typeof scheme.flow === 'string' ? swaggerFlows[scheme.flow] : undefined;
  return swaggerFlow === undefined ? [] : [toFlow(swaggerFlow, scheme)];
}

function mergeScopes(lists: unknown[]): DeclaredScope[] {
  const scopes = new Map<string, string>();
  for (const list of lists) {
    if (!isMapping(list)) continue;
    for (const [name, description] of Object.entries(list)) {
      if (!isScopeName(name) || scopes.has(name)) continue;
      scopes.set(name, typeof description === 'string' ? description : '');
    }
  }
  return [...scopes].map(([name, description]) => ({ name, description }));
}

/**
 * A scope as RFC 6749 §3.3 allows it: printable ASCII without space, `"` or `\`. Anything else
 * could never be asked for in a `scope` parameter, so it is not offered.
 */
export function isScopeName(value: string): boolean {
  return /^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/.test(value);
}

/** An HTTP token (RFC 9110 §5.6.2) of at most 128 characters. */
export function isTokenName(value: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/.test(value);
}
