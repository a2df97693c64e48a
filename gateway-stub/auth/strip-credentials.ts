import type { Exchange } from '../http/exchange.ts';
import { withoutCookies, withoutQueryParameters } from './credential-sources.ts';

/**
 * Takes the credentials off a request before it goes to the mock server: a key wherever the
 * version's documents declare one (header, query parameter, cookie) and the `Authorization`
 * header (a token, a client secret). `X-Api-Key` is dropped with the headers the gateway owns
 * (`forwarded-headers.ts`). The back end learns who calls from the identity the gateway adds.
 */
export function stripCredentials(exchange: Exchange): void {
  const { req, versionRoute } = exchange;
  const headers = req.headers;
  if (headers.authorization !== undefined) delete headers.authorization;
  if (versionRoute === undefined) return;
  const { keyHeaders, keyQueryParameters, keyCookies } = versionRoute.security;
  // Set to undefined rather than deleted: `toUpstreamHeaders` skips undefined values.
  for (const name of keyHeaders) {
    if (headers[name] !== undefined) headers[name] = undefined;
  }
  if (keyQueryParameters.size > 0 && req.url !== undefined) {
    req.url = withoutQueryParameters(req.url, keyQueryParameters);
  }
  if (keyCookies.size > 0 && headers.cookie !== undefined) {
    const kept = withoutCookies(headers.cookie, keyCookies);
    if (kept === undefined) delete headers.cookie;
    else headers.cookie = kept;
  }
}
