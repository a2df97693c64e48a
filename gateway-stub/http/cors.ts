import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { sandboxRequestHeaders } from './cors-headers.ts';

/** Headers a browser script may read on the sandbox's answers. */
const exposedHeaders = [
  'RateLimit',
  'RateLimit-Policy',
  'Retry-After',
  'X-Request-ID',
  'Deprecation',
  'Sunset',
  'Link',
  // Where a created object is: the console reads it to call it next.
  'Location',
].join(', ');

/** What a preflight may be granted: the methods, and the request headers always allowed. */
export interface CorsGrant {
  methods: string;
  requestHeaders: readonly string[];
}

/** The public port's grant: any method an API may have, the console's own headers. */
const sandboxGrant: CorsGrant = {
  methods: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  requestHeaders: sandboxRequestHeaders,
};

/** CORS for the portal's origins: the console in the browser calls the sandbox directly. */
export interface Cors {
  /**
   * Adds the CORS headers of an actual request to `headers` when its origin is allowed.
   * Returns false when the request carries an origin the sandbox does not serve.
   */
  applyTo(req: IncomingMessage, headers: OutgoingHttpHeaders): boolean;
  /** True for a preflight (`OPTIONS` with `Access-Control-Request-Method`). */
  isPreflight(req: IncomingMessage): boolean;
  /** Headers of the 204 answering an allowed preflight, or undefined when it is refused. */
  toPreflightHeaders(req: IncomingMessage): OutgoingHttpHeaders | undefined;
}

/**
 * Creates the CORS policy for a list of exact origins (`http://127.0.0.1:4321`). `requestHeaders`
 * are the headers a preflight may be granted per `<api>/<version>` (`toCorsRequestHeaders`);
 * other paths get the grant's own (the sandbox's unless `grant` says otherwise: the admin
 * port's usage report grants GET with `Authorization` only).
 */
export function createCors(
  origins: readonly string[],
  requestHeaders: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  grant: CorsGrant = sandboxGrant,
): Cors {
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(`CORS origin "${origin}" must be scheme://host[:port] with no path`);
    }
  }
  const allowed = new Set(origins);
  const defaultRequestHeaders: ReadonlySet<string> = new Set(grant.requestHeaders);
  return {
    applyTo(req, headers) {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      if (!allowed.has(origin)) return false;
      headers['access-control-allow-origin'] = origin;
      headers['access-control-expose-headers'] = exposedHeaders;
      headers.vary = 'Origin';
      return true;
    },
    isPreflight(req) {
      return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    },
    toPreflightHeaders(req) {
      const origin = req.headers.origin;
      if (origin === undefined || !allowed.has(origin)) return undefined;
      const [, api = '', version = ''] = (req.url ?? '/').split('?', 1)[0]?.split('/') ?? [];
      const accepted = requestHeaders.get(`${api}/${version}`) ?? defaultRequestHeaders;
      // The sandbox's own headers, and of those asked for only the ones this version accepts:
      // a header left out makes the browser refuse the call, as it should, instead of the
      // preflight vouching for any header a page names.
      const requested = (req.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter((name) => accepted.has(name));
      const allowHeaders = [...new Set([...grant.requestHeaders, ...requested])];
      return {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': grant.methods,
        'access-control-allow-headers': allowHeaders.join(', '),
        'access-control-max-age': '600',
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      };
    },
  };
}
