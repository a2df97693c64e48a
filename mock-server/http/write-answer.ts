import type { ServerResponse } from 'node:http';
import { serializeBody } from '../prism/prism-engine.ts';
import { toHeaderText } from './header-text.ts';

/** An answer ready to send: from Prism, a stub or an extra example. */
export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
  /** When set, overrides any `Content-Type` in `headers`. */
  contentType?: string | undefined;
}

/**
 * Prism marks deprecated operations with `Deprecation: true`, an early draft's form; RFC 9745
 * wants a date, and the gateway sets the version's own `Deprecation` and `Sunset`.
 */
const droppedHeaders = new Set([
  'deprecation',
  'content-length',
  'transfer-encoding',
  'connection',
]);

/**
 * Serialises and sends an answer. Throws before writing anything when the body cannot be
 * written in its content type (an object declared as text), so the caller can refuse instead.
 */
export function writeAnswer(
  response: ServerResponse,
  method: string,
  answer: Answer,
  extraHeaders: Record<string, string>,
): void {
  const headers: Record<string, string | number> = {};
  let contentType = answer.contentType;
  for (const [name, value] of Object.entries(answer.headers)) {
    const lower = name.toLowerCase();
    if (droppedHeaders.has(lower)) continue;
    if (lower === 'content-type') {
      contentType ??= typeof value === 'string' ? value : undefined;
      continue;
    }
    if (typeof value === 'string' || typeof value === 'number') headers[name] = value;
    else if (typeof value === 'boolean') headers[name] = String(value);
  }
  const noBody = method === 'HEAD' || answer.status === 204 || answer.status === 304;
  const text = noBody ? undefined : toText(answer.body, contentType);
  if (contentType !== undefined && text !== undefined) headers['Content-Type'] = contentType;
  headers['Content-Length'] = text === undefined ? 0 : Buffer.byteLength(text);
  for (const [name, value] of Object.entries(extraHeaders)) headers[name] = toHeaderText(value);
  response.writeHead(answer.status, headers);
  response.end(text);
}

function toText(body: unknown, contentType: string | undefined): string | undefined {
  if (body === undefined || body === null) return contentType && body === null ? 'null' : undefined;
  if (contentType === undefined) return typeof body === 'string' ? body : JSON.stringify(body);
  return serializeBody(body, contentType);
}
