import { keyHeaderName } from './sandbox-keys.ts';

/** What the reference page knows when it starts the console. */
export interface ConsoleSettings {
  /** URL of the bundled OpenAPI document. */
  documentUrl: string;
  /** The version's sandbox base URL: the only server the console offers. */
  sandboxUrl: string;
  /** Reads the partner's key at request time, so a key obtained in another tab is used. */
  readKey: () => string | undefined;
}

/** The part of Scalar's request hook the console uses. */
interface BuiltRequest {
  request: Request;
}

/**
 * Scalar's configuration for the portal: the document, the sandbox as the only server, the
 * partner's key in `X-Api-Key`, and every option that would reach Scalar's cloud or a CDN off
 * (fonts, client button, developer tools, agent, MCP, telemetry). No proxy: requests go straight
 * from the browser to the sandbox, which answers CORS for the portal.
 */
export function toScalarConfiguration(settings: ConsoleSettings): Record<string, unknown> {
  return {
    url: settings.documentUrl,
    servers: [{ url: settings.sandboxUrl, description: 'guichet sandbox' }],
    withDefaultFonts: false,
    hideClientButton: true,
    showDeveloperTools: 'never',
    agent: { disabled: true },
    mcp: { disabled: true },
    telemetry: false,
    hideDarkModeToggle: true,
    forceDarkModeState: 'light',
    layout: 'modern',
    onRequestBuilt: ({ request }: BuiltRequest) => {
      const key = settings.readKey();
      if (key === undefined || request.headers.has(keyHeaderName)) return;
      request.headers.set(keyHeaderName, key);
    },
  };
}
