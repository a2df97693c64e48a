import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** A request body read whole, or the reason it was not. */
export type BodyRead = { ok: true; text: string | undefined } | { ok: false; tooLarge: true };

/**
 * Reads the body up to `limit` bytes. Past the limit, reading stops: the answer (413) goes out
 * and the connection closes rather than swallowing an unbounded upload.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) return { ok: false, tooLarge: true };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) return { ok: false, tooLarge: true };
    chunks.push(buffer);
  }
  if (size === 0) return { ok: true, text: undefined };
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** True for `application/json` and the `+json` family (`application/merge-patch+json`…). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/** The body as Prism validates it: parsed when JSON, text otherwise. */
export function parseBody(
  text: string | undefined,
  contentType: string | undefined,
): { ok: true; body: unknown } | { ok: false; message: string } {
  if (text === undefined) return { ok: true, body: undefined };
  if (!isJsonMediaType(contentType)) return { ok: true, body: text };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'unreadable JSON' };
  }
}

/** Query parameters as Prism reads them: one value as text, repeated ones as a list. */
export function toQuery(searchParams: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(searchParams.keys())) {
    const values = searchParams.getAll(name);
    query[name] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return query;
}

/** Headers with one text value each, as Prism's validator expects them. */
export function toHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}
