import type { IncomingMessage } from 'node:http';

/**
 * Where a request can carry a credential the sandbox checks: its key under a name the document
 * declares (a header, a query parameter, a cookie), or the `Authorization` header with a bearer
 * token or HTTP basic credentials. Schemes the sandbox cannot check have a source that is never
 * present. Reading a source costs a header lookup; the query and cookies are parsed only for
 * versions that declare a key there.
 */
export type CredentialSource =
  | { kind: 'key'; in: 'header' | 'query' | 'cookie'; name: string; id: string }
  | { kind: 'bearer'; id: 'bearer' }
  | { kind: 'basic'; id: 'basic' }
  | { kind: 'unsupported'; id: string };

/** The key source at a declared place; header names are matched in lower case. */
export function toKeySource(where: 'header' | 'query' | 'cookie', name: string): CredentialSource {
  const normalised = where === 'header' ? name.toLowerCase() : name;
  return { kind: 'key', in: where, name: normalised, id: `key:${where}:${normalised}` };
}

/** The bearer token source. */
export const bearerSource: CredentialSource = { kind: 'bearer', id: 'bearer' };
/** The HTTP basic source. */
export const basicSource: CredentialSource = { kind: 'basic', id: 'basic' };

/** The value a source holds in a request, or undefined when it is absent or empty. */
export function readSource(req: IncomingMessage, source: CredentialSource): string | undefined {
  switch (source.kind) {
    case 'key':
      if (source.in === 'header') return nonEmpty(req.headers[source.name]);
      if (source.in === 'query') return readQueryValue(req.url ?? '', source.name);
      return readCookieValue(req.headers.cookie, source.name);
    case 'bearer':
      return readAuthorization(req, 'bearer');
    case 'basic':
      return readAuthorization(req, 'basic');
    case 'unsupported':
      return undefined;
  }
}

/** The credentials of `Authorization: <scheme> <credentials>` (scheme in any case, RFC 9110 §11.1). */
export function readAuthorization(
  req: IncomingMessage,
  scheme: 'bearer' | 'basic',
): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined || header.length <= scheme.length + 1) return undefined;
  if (header.charCodeAt(scheme.length) !== 32) return undefined;
  if (header.slice(0, scheme.length).toLowerCase() !== scheme) return undefined;
  return nonEmpty(header.slice(scheme.length + 1).trim());
}

/** One query parameter's value (the first when repeated), decoded. */
export function readQueryValue(url: string, name: string): string | undefined {
  const query = url.indexOf('?');
  if (query === -1) return undefined;
  return nonEmpty(new URLSearchParams(url.slice(query + 1)).get(name) ?? undefined);
}

/** One cookie's value (RFC 6265 §5.4: `name=value` pairs separated by `; `). */
export function readCookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1 || pair.slice(0, equals).trim() !== name) continue;
    return nonEmpty(
      pair
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
  }
  return undefined;
}

/** A request URL without the named query parameters: a key there never reaches the mock server. */
export function withoutQueryParameters(url: string, names: ReadonlySet<string>): string {
  const query = url.indexOf('?');
  if (query === -1 || names.size === 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  let removed = false;
  for (const name of names) {
    if (!params.has(name)) continue;
    params.delete(name);
    removed = true;
  }
  if (!removed) return url;
  const rest = params.toString();
  return rest === '' ? url.slice(0, query) : `${url.slice(0, query)}?${rest}`;
}

/** A `Cookie` header without the named cookies, or undefined when none is left. */
export function withoutCookies(header: string, names: ReadonlySet<string>): string | undefined {
  const kept = header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => {
      const equals = pair.indexOf('=');
      return pair !== '' && !names.has(equals === -1 ? pair : pair.slice(0, equals).trim());
    });
  return kept.length === 0 ? undefined : kept.join('; ');
}

function nonEmpty(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value === '' ? undefined : value;
}
