import type { OAuthFlow, SecurityRequirement, SecurityScheme } from './reference-model.ts';
import { isMapping, readText, type Mapping, type ReadContext } from './read-context.ts';
import { createAnchorSet } from './to-anchor.ts';

/** Swagger 2.0 names its OAuth 2 flows differently. */
const swaggerFlows: Readonly<Record<string, OAuthFlow['kind']>> = {
  implicit: 'implicit',
  password: 'password',
  application: 'clientCredentials',
  accessCode: 'authorizationCode',
};
const openApiFlows = new Set<string>([
  'implicit',
  'password',
  'clientCredentials',
  'authorizationCode',
]);
const types = new Set<string>(['apiKey', 'http', 'oauth2', 'openIdConnect', 'mutualTLS']);

/** The document's security schemes (`components.securitySchemes`, 2.0 `securityDefinitions`). */
export function readSecuritySchemes(context: ReadContext): SecurityScheme[] {
  const { document } = context;
  const raw =
    context.format === 'swagger-2.0'
      ? document.securityDefinitions
      : isMapping(document.components)
        ? document.components.securitySchemes
        : undefined;
  if (!isMapping(raw)) return [];
  const anchors = createAnchorSet();
  return Object.entries(raw).flatMap(([name, value]): SecurityScheme[] => {
    const scheme = context.resolve(value);
    if (!isMapping(scheme)) return [];
    const written = String(scheme.type);
    const type = written === 'basic' ? 'http' : written;
    if (!types.has(type)) return [];
    const where = readText(scheme.in);
    const parameterName = readText(scheme.name);
    const httpScheme = written === 'basic' ? 'basic' : readText(scheme.scheme);
    const bearerFormat = readText(scheme.bearerFormat);
    const openIdConnectUrl = readText(scheme.openIdConnectUrl);
    return [
      {
        name,
        anchor: anchors.take('scheme-', name, 'scheme'),
        type: type as SecurityScheme['type'],
        descriptionHtml: context.toHtml(scheme.description),
        ...(where === 'header' || where === 'query' || where === 'cookie' ? { in: where } : {}),
        ...(parameterName === undefined ? {} : { parameterName }),
        ...(httpScheme === undefined ? {} : { scheme: httpScheme.toLowerCase() }),
        ...(bearerFormat === undefined ? {} : { bearerFormat }),
        flows: type === 'oauth2' ? readFlows(context, scheme) : [],
        ...(openIdConnectUrl === undefined ? {} : { openIdConnectUrl }),
      },
    ];
  });
}

function readFlows(context: ReadContext, scheme: Mapping): OAuthFlow[] {
  if (context.format === 'swagger-2.0') {
    const kind = swaggerFlows[String(scheme.flow)];
    return kind ? [toFlow(kind, scheme)] : [];
  }
  if (!isMapping(scheme.flows)) return [];
  return Object.entries(scheme.flows).flatMap(([kind, flow]) =>
    openApiFlows.has(kind) && isMapping(flow) ? [toFlow(kind as OAuthFlow['kind'], flow)] : [],
  );
}

function toFlow(kind: OAuthFlow['kind'], flow: Mapping): OAuthFlow {
  const authorizationUrl = readText(flow.authorizationUrl);
  const tokenUrl = readText(flow.tokenUrl);
  const refreshUrl = readText(flow.refreshUrl);
  return {
    kind,
    ...(authorizationUrl === undefined ? {} : { authorizationUrl }),
    ...(tokenUrl === undefined ? {} : { tokenUrl }),
    ...(refreshUrl === undefined ? {} : { refreshUrl }),
    scopes: isMapping(flow.scopes)
      ? Object.entries(flow.scopes).map(([name, description]) => ({
          name,
          description: typeof description === 'string' ? description : '',
        }))
      : [],
  };
}

/**
 * The operation's security requirements: its own `security` when it has one (`[]` lifts the
 * document's), else the document's.
 */
export function readSecurity(context: ReadContext, operation: Mapping): SecurityRequirement[] {
  const written = Array.isArray(operation.security)
    ? operation.security
    : Array.isArray(context.document.security)
      ? context.document.security
      : [];
  return written.flatMap((requirement): SecurityRequirement[] =>
    isMapping(requirement)
      ? [
          {
            schemes: Object.entries(requirement).map(([name, scopes]) => ({
              name,
              scopes: Array.isArray(scopes)
                ? scopes.filter((scope): scope is string => typeof scope === 'string')
                : [],
            })),
          },
        ]
      : [],
  );
}
