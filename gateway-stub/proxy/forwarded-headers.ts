import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { hopByHopHeaders } from './hop-by-hop.ts';

/**
 * Headers that concern one connection, not the message (RFC 9110 §7.6.1), plus those the
 * gateway owns: they are never copied from one side of the proxy to the other.
 */
const requestHeadersDropped = new Set([
  ...hopByHopHeaders,
  'host',
  'expect',
  // The gateway reads the body whole and undici states its length again.
  'content-length',
  // The key stops here: the mock server never sees it.
  'x-api-key',
  'x-request-id',
]);

const responseHeadersDropped = new Set([
  ...hopByHopHeaders,
  // Internal to the sandbox: read for usage counts, not shown to partners.
  'x-guichet-operation',
]);

/**
 * The headers sent to the mock server: the client's, minus the above and minus every
 * `x-guichet-*` (the gateway's own: a client naming a consumer there would read another's
 * objects), plus the request id and the consumer of the key.
 */
export function toUpstreamHeaders(
  headers: IncomingHttpHeaders,
  requestId: string,
  consumerId?: string,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const named = connectionTokens(headers.connection);
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || requestHeadersDropped.has(name)) continue;
    if (name.startsWith('x-guichet-')) continue;
    if (named !== undefined && named.has(name)) continue;
    out[name] = value;
  }
  out['x-request-id'] = requestId;
  if (consumerId !== undefined) out['x-guichet-consumer'] = consumerId;
  return out;
}

/**
 * The headers sent to the client: the gateway's own (`own`, completed in place and returned,
 * one object less per request) plus the mock server's, minus the above. Where both set a
 * header, the gateway's wins (its `X-Request-ID`, its `RateLimit`).
 */
export function toClientHeaders(
  upstream: Record<string, string | string[] | undefined>,
  own: OutgoingHttpHeaders,
): OutgoingHttpHeaders {
  const named = connectionTokens(upstream.connection);
  for (const name in upstream) {
    const value = upstream[name];
    if (value === undefined || responseHeadersDropped.has(name)) continue;
    if (named !== undefined && named.has(name)) continue;
    const mine = own[name];
    if (mine === undefined) own[name] = value;
    // Both vary: the answer varies on the mock server's reasons and on the Origin.
    else if (name === 'vary') own.vary = `${String(mine)}, ${String(value)}`;
  }
  return own;
}

/** Names listed in `Connection`, which are hop-by-hop too; undefined in the usual case. */
function connectionTokens(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(',') : value;
  if (text === 'keep-alive' || text === 'close') return undefined;
  return new Set(text.split(',').map((token) => token.trim().toLowerCase()));
}
