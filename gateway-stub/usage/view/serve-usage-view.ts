import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Exchange } from '../../http/exchange.ts';
import { sendBody } from '../../http/send-response.ts';
import { renderUsagePage, type UsageViewKind } from './usage-page.ts';

const require = createRequire(import.meta.url);

/**
 * Nothing but this origin's own files and its own report: no inline script, no other host
 * (guichet is offline by design), no framing.
 */
const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' blob: data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

interface Asset {
  type: string;
  body: string;
}

/**
 * Serves a usage page under `base` (`<base>/view`, its script, style and uPlot's files): read
 * once here, at start-up, from this folder and the `uplot` package. The page holds no data and
 * is served without a credential; the report it reads asks for one. Returns a handler that
 * answers true when the path was one of its files.
 */
export function createUsageView(
  kind: UsageViewKind,
  base: string,
): (exchange: Exchange, path: string) => boolean {
  const uplotDir = join(require.resolve('uplot'), '..');
  const assets = new Map<string, Asset>([
    [`${base}/view`, { type: 'text/html; charset=utf-8', body: renderUsagePage(kind, base) }],
    [
      `${base}/view.js`,
      {
        type: 'text/javascript; charset=utf-8',
        body: readFileSync(join(import.meta.dirname, 'view.js'), 'utf8'),
      },
    ],
    [
      `${base}/view.css`,
      {
        type: 'text/css; charset=utf-8',
        body: readFileSync(join(import.meta.dirname, 'view.css'), 'utf8'),
      },
    ],
    [
      `${base}/uplot.js`,
      {
        type: 'text/javascript; charset=utf-8',
        body: readFileSync(join(uplotDir, 'uPlot.iife.min.js'), 'utf8'),
      },
    ],
    [
      `${base}/uplot.css`,
      {
        type: 'text/css; charset=utf-8',
        body: readFileSync(join(uplotDir, 'uPlot.min.css'), 'utf8'),
      },
    ],
  ]);
  return (exchange, path) => {
    const asset = assets.get(path);
    if (asset === undefined) return false;
    const method = exchange.req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    sendBody(exchange, 200, asset.type, asset.body, {
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    return true;
  };
}
