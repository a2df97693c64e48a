import type { Cors } from '../http/cors.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendProblem } from '../http/send-response.ts';

/**
 * Adds the usage report's CORS headers (`cors`, the portal's origins) to the exchange, and
 * answers a preflight or a refused origin itself: true when it did. No other admin path
 * answers CORS.
 */
export function answersUsageCors(exchange: Exchange, cors: Cors): boolean {
  if (!cors.applyTo(exchange.req, exchange.headers)) {
    sendProblem(exchange, 'originNotAllowed', {
      en: `Origin ${String(exchange.req.headers.origin)} may not read the usage report from a browser.`,
      fr: `L’origine ${String(exchange.req.headers.origin)} ne peut pas lire le rapport d’usage depuis un navigateur.`,
    });
    return true;
  }
  const headers = cors.isPreflight(exchange.req)
    ? cors.toPreflightHeaders(exchange.req)
    : undefined;
  if (headers === undefined) return false;
  exchange.status = 204;
  exchange.res.writeHead(204, { ...headers, 'x-request-id': exchange.requestId });
  exchange.res.end();
  return true;
}
