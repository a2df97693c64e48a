import type {
  CatalogApi,
  CatalogOperation,
  CatalogSecurityScheme,
  CatalogVersion,
} from '../../catalog/index.ts';

/**
 * What the API page says about authenticating, read from the catalog's security model: each
 * scheme the version's operations use and how the sandbox takes it, each scope and the
 * operations that need it. The gateway enforces the same model.
 */

/** One scheme as the page shows it. */
export interface SchemeView {
  name: string;
  /** `API key in the KeyId header`, `OAuth 2.0 access token (client credentials)`… */
  label: string;
  /** What to send to the sandbox. */
  sandbox: string;
  /** The document declares only other flows: the sandbox issues by client credentials. */
  clientCredentialsAdded: boolean;
  descriptionHtml: string;
  /** How many operations take it. */
  operations: number;
}

/** One scope as the page shows it. */
export interface ScopeView {
  name: string;
  description: string;
  /** Granted by an administrator only. */
  restricted: boolean;
  operations: Pick<CatalogOperation, 'anchor' | 'method' | 'path' | 'summary'>[];
}

/** Everything the page's security block shows. */
export interface SecurityView {
  schemes: SchemeView[];
  scopes: ScopeView[];
  /** Operations callable without credentials. */
  open: Pick<CatalogOperation, 'anchor' | 'method' | 'path' | 'summary'>[];
  /** The document declares no security at all: the sandbox asks for `X-Api-Key`. */
  undeclared: boolean;
}

/** How a scheme reads, and what the sandbox takes for it. */
export function describeScheme(scheme: CatalogSecurityScheme): { label: string; sandbox: string } {
  switch (scheme.credential) {
    case 'key': {
      const place =
        scheme.in === 'header'
          ? `the ${scheme.parameterName ?? ''} header`
          : scheme.in === 'query'
            ? `the ${scheme.parameterName ?? ''} query parameter`
            : `the ${scheme.parameterName ?? ''} cookie`;
      return { label: `API key in ${place}`, sandbox: `your trial key (gk_…) in ${place}` };
    }
    case 'token':
      return scheme.type === 'http'
        ? {
            label: 'HTTP bearer token',
            sandbox:
              'Authorization: Bearer with an access token from the sandbox’s POST /oauth/token',
          }
        : {
            label: `OAuth 2.0 access token (${scheme.flows.map((flow) => flow.name).join(', ') || 'flows not stated'})`,
            sandbox:
              'Authorization: Bearer with an access token from the sandbox’s POST /oauth/token (client credentials, your client id and secret)',
          };
    case 'client':
      return {
        label: 'HTTP basic',
        sandbox: 'Authorization: Basic with your client id and client secret',
      };
    case 'unsupported':
      return {
        label: scheme.type === 'http' ? `HTTP ${scheme.httpScheme ?? ''}` : scheme.type,
        sandbox: 'the sandbox cannot check this scheme: send your key in X-Api-Key',
      };
  }
}

/** The security block of one version. */
export function toSecurityView(api: CatalogApi, version: CatalogVersion): SecurityView {
  const operations = version.operations.filter((operation) => operation.kind === 'operation');
  const uses = new Map<string, number>();
  for (const operation of operations) {
    const named = new Set(operation.security.alternatives.flat().map((need) => need.scheme));
    for (const name of named) uses.set(name, (uses.get(name) ?? 0) + 1);
  }
  const schemes = version.securitySchemes
    .filter((scheme) => uses.has(scheme.name))
    .map((scheme) => ({
      name: scheme.name,
      ...describeScheme(scheme),
      clientCredentialsAdded: scheme.type === 'oauth2' && scheme.clientCredentialsAdded,
      descriptionHtml: scheme.descriptionHtml,
      operations: uses.get(scheme.name) ?? 0,
    }));
  const restricted = new Set(api.restrictedScopes);
  const byAnchor = new Map(operations.map((operation) => [operation.anchor, operation]));
  const pick = (operation: CatalogOperation): ScopeView['operations'][number] => ({
    anchor: operation.anchor,
    method: operation.method,
    path: operation.path,
    summary: operation.summary,
  });
  return {
    schemes,
    scopes: version.scopes.map((scope) => ({
      name: scope.name,
      description: scope.description,
      restricted: restricted.has(scope.name),
      operations: scope.operations.flatMap((anchor) => {
        const operation = byAnchor.get(anchor);
        return operation ? [pick(operation)] : [];
      }),
    })),
    open: operations.filter((operation) => operation.security.anonymous).map(pick),
    undeclared: operations.every((operation) => operation.security.source === 'none'),
  };
}
