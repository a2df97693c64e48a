import type { StoredClient } from './sandbox-credentials.ts';
import { keyHeaderName } from './sandbox-keys.ts';

/** A scheme of the version as the reference page describes it (from the catalog's model). */
export interface ConsoleScheme {
  name: string;
  credential: 'key' | 'token' | 'client' | 'unsupported';
  /** `http` or `oauth2` for a token scheme. */
  type?: string;
  in?: 'header' | 'query' | 'cookie';
  parameterName?: string;
  /** OAuth 2.0: every scope it declares. */
  scopes: readonly string[];
}

/** What the reference page knows when it starts the console. */
export interface ConsoleSettings {
  /** URL of the document the console shows (`console.json`). */
  documentUrl: string;
  /** The version's sandbox base URL: the only server the console offers. */
  sandboxUrl: string;
  /** The sandbox's token endpoint, absolute. */
  tokenUrl?: string;
  /** The version's security schemes. */
  schemes?: readonly ConsoleScheme[];
  /** Reads the partner's key at request time, so a key obtained in another tab is used. */
  readKey: () => string | undefined;
  /** Reads the trial application's client. */
  readClient?: () => StoredClient | undefined;
  /** The access token the page obtained for the client, if any. */
  readToken?: () => string | undefined;
  /** The page's colour mode when the console opens (light unless told). */
  colourMode?: 'light' | 'dark';
}

/** The part of Scalar's request hook the console uses. */
interface BuiltRequest {
  request: Request;
}

/**
 * Scalar's configuration for the portal: the document, the sandbox as the only server, every
 * scheme of the document filled with the partner's trial application (the key where a key
 * goes, the token the page got for the client, the client id and secret for HTTP basic and
 * for the client credentials flow at the sandbox's token endpoint), and every option that
 * would reach Scalar's cloud or a CDN off (fonts, client button, developer tools, agent, MCP,
 * telemetry). No proxy: requests go straight from the browser to the sandbox, which answers
 * CORS for the portal.
 */
export function toScalarConfiguration(settings: ConsoleSettings): Record<string, unknown> {
  const readClient = settings.readClient ?? (() => undefined);
  const readToken = settings.readToken ?? (() => undefined);
  const schemes = settings.schemes ?? [];
  return {
    url: settings.documentUrl,
    servers: [{ url: settings.sandboxUrl, description: 'guichet sandbox' }],
    withDefaultFonts: false,
    hideClientButton: true,
    showDeveloperTools: 'never',
    agent: { disabled: true },
    mcp: { disabled: true },
    telemetry: false,
    // The page's theme decides, not a toggle of Scalar's own (console-colour-mode.ts).
    hideDarkModeToggle: true,
    forceDarkModeState: settings.colourMode ?? 'light',
    layout: 'modern',
    ...(schemes.length === 0
      ? {}
      : {
          authentication: {
            securitySchemes: toSchemeValues(
              schemes,
              settings.readKey(),
              readClient(),
              readToken(),
              settings.tokenUrl,
            ),
          },
        }),
    onRequestBuilt: ({ request }: BuiltRequest) => {
      completeRequest(request, schemes, settings.readKey(), readToken());
    },
  };
}

/** Scalar's `authentication.securitySchemes`: the values each scheme is sent with. */
function toSchemeValues(
  schemes: readonly ConsoleScheme[],
  key: string | undefined,
  client: StoredClient | undefined,
  token: string | undefined,
  tokenUrl: string | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const scheme of schemes) {
    if (scheme.credential === 'key' && key !== undefined) values[scheme.name] = { value: key };
    if (scheme.credential === 'client' && client !== undefined) {
      values[scheme.name] = { username: client.clientId, password: client.clientSecret };
    }
    if (scheme.credential !== 'token') continue;
    if (scheme.type === 'http') {
      if (token !== undefined) values[scheme.name] = { token };
      continue;
    }
    values[scheme.name] = {
      flows: {
        clientCredentials: {
          ...(tokenUrl === undefined ? {} : { tokenUrl }),
          ...(client === undefined
            ? {}
            : { 'x-scalar-client-id': client.clientId, clientSecret: client.clientSecret }),
          ...(token === undefined ? {} : { token }),
          selectedScopes: [...scheme.scopes],
        },
      },
    };
  }
  return values;
}

/**
 * What Scalar sends, completed at the last moment: an empty `X-Api-Key` or `Authorization:
 * Bearer` (Scalar sends them empty when nothing was typed) gets the stored key or token, and a
 * request that carries no credential of its own gets the key in `X-Api-Key`, the sandbox's own
 * header, which every operation takes — a cookie, say, which a browser script cannot set.
 */
function completeRequest(
  request: Request,
  schemes: readonly ConsoleScheme[],
  key: string | undefined,
  token: string | undefined,
): void {
  const { headers } = request;
  if (headers.get(keyHeaderName) === '') headers.delete(keyHeaderName);
  const authorization = headers.get('authorization');
  if (authorization !== null && /^bearer\s*$/i.test(authorization)) {
    if (token === undefined) headers.delete('authorization');
    else headers.set('authorization', `Bearer ${token}`);
  }
  if (key === undefined || headers.has(keyHeaderName)) return;
  const query = new URL(request.url).searchParams;
  const carries =
    (headers.get('authorization') ?? '') !== '' ||
    schemes.some(
      (scheme) =>
        scheme.credential === 'key' &&
        scheme.parameterName !== undefined &&
        ((scheme.in === 'header' && (headers.get(scheme.parameterName) ?? '') !== '') ||
          (scheme.in === 'query' && (query.get(scheme.parameterName) ?? '') !== '')),
    );
  if (!carries) headers.set(keyHeaderName, key);
}
