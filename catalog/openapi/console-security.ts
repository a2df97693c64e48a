import { isMapping } from './check-document.ts';

/**
 * The console's document takes its tokens from the sandbox: every OAuth 2.0 scheme becomes a
 * client credentials flow at the sandbox's token endpoint, with every scope its flows declared
 * (the sandbox issues tokens that way whatever flow production uses), and an OpenID Connect
 * scheme the same. Nothing else changes: keys and HTTP schemes are taken as declared.
 */
export function toSandboxSecuritySchemes(
  document: Record<string, unknown>,
  tokenUrl: string,
): Record<string, unknown> {
  const components = document.components;
  if (isMapping(components) && isMapping(components.securitySchemes)) {
    return {
      ...document,
      components: {
        ...components,
        securitySchemes: mapSchemes(components.securitySchemes, (scheme) =>
          toOpenApiScheme(scheme, tokenUrl),
        ),
      },
    };
  }
  if (isMapping(document.securityDefinitions)) {
    return {
      ...document,
      securityDefinitions: mapSchemes(document.securityDefinitions, (scheme) =>
        toSwaggerScheme(scheme, tokenUrl),
      ),
    };
  }
  return document;
}

function mapSchemes(
  schemes: Record<string, unknown>,
  change: (scheme: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schemes).map(([name, scheme]) => [
      name,
      isMapping(scheme) ? change(scheme) : scheme,
    ]),
  );
}

function toOpenApiScheme(
  scheme: Record<string, unknown>,
  tokenUrl: string,
): Record<string, unknown> {
  if (scheme.type !== 'oauth2' && scheme.type !== 'openIdConnect') return scheme;
  const scopes: Record<string, unknown> = {};
  if (isMapping(scheme.flows)) {
    for (const flow of Object.values(scheme.flows)) {
      if (isMapping(flow) && isMapping(flow.scopes)) Object.assign(scopes, flow.scopes);
    }
  }
  const rest = withoutKeys(scheme, ['openIdConnectUrl', 'flows']);
  return { ...rest, type: 'oauth2', flows: { clientCredentials: { tokenUrl, scopes } } };
}

function toSwaggerScheme(
  scheme: Record<string, unknown>,
  tokenUrl: string,
): Record<string, unknown> {
  if (scheme.type !== 'oauth2') return scheme;
  return { ...withoutKeys(scheme, ['authorizationUrl']), flow: 'application', tokenUrl };
}

function withoutKeys(
  value: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}
