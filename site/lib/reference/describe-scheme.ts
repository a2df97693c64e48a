import type { SecurityScheme } from '../../../catalog/index.ts';

/** `API key in the X-Api-Key header`, `HTTP bearer (JWT)`, `OAuth 2: client credentials`. */
export function describeScheme(scheme: SecurityScheme): string {
  switch (scheme.type) {
    case 'apiKey':
      return `API key in the ${scheme.parameterName ?? 'unnamed'} ${scheme.in ?? 'header'}${scheme.in === 'query' ? ' parameter' : ''}`;
    case 'http':
      return `HTTP ${scheme.scheme ?? 'authentication'}${scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ''}`;
    case 'oauth2':
      return `OAuth 2${scheme.flows.length > 0 ? `: ${scheme.flows.map((flow) => flowLabels[flow.kind]).join(', ')}` : ''}`;
    case 'openIdConnect':
      return 'OpenID Connect';
    case 'mutualTLS':
      return 'mutual TLS';
  }
}

/** How OAuth 2 flows read. */
export const flowLabels: Readonly<Record<SecurityScheme['flows'][number]['kind'], string>> = {
  authorizationCode: 'authorization code',
  clientCredentials: 'client credentials',
  implicit: 'implicit',
  password: 'password',
};
