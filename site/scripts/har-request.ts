import type { HarRequest } from '@scalar/snippetz';
import type { CredentialFields } from '../../catalog/sandbox-credentials.ts';

/** A request as the portal builds it, before it is sent or written as code. */
export interface RequestDraft {
  method: string;
  /** The version's sandbox base URL (`http://127.0.0.1:8000/tax/v2`, or a path on a preview). */
  baseUrl: string;
  /** The path template (`/declarations/{id}`); a `{name}` without a value stays as written. */
  path: string;
  pathValues: Readonly<Record<string, string>>;
  query: readonly [string, string][];
  headers: readonly [string, string][];
  body?: RequestBody;
  credentials: CredentialFields;
}

/** A body: text in a media type, or the fields of a form. */
export type RequestBody =
  | { mediaType: string; text: string }
  | {
      mediaType: 'application/x-www-form-urlencoded' | 'multipart/form-data';
      fields: [string, string][];
    };

/** The URL a draft goes to, path values and query (credentials included) encoded. */
export function toRequestUrl(draft: RequestDraft): string {
  const path = draft.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = draft.pathValues[name];
    return value === undefined || value === '' ? whole : encodeURIComponent(value);
  });
  const query = [...draft.query, ...draft.credentials.query]
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return `${draft.baseUrl}${path}${query === '' ? '' : `?${query}`}`;
}

/**
 * The draft as a HAR request, the form code generators (snippetz) take. The query stays in the
 * URL, encoded: generators print query values as they get them, so a value with a space or an
 * `&` would break the command otherwise.
 */
export function toHarRequest(draft: RequestDraft): HarRequest {
  const headers = [...draft.headers, ...draft.credentials.headers];
  const { body } = draft;
  if (body && !headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    headers.push(['Content-Type', body.mediaType]);
  }
  const har: HarRequest = {
    method: draft.method,
    url: toRequestUrl(draft),
    httpVersion: 'HTTP/1.1',
    cookies: draft.credentials.cookies.map(([name, value]) => ({ name, value })),
    headers: headers.map(([name, value]) => ({ name, value })),
    queryString: [],
    headersSize: -1,
    bodySize: -1,
  };
  if (body) {
    har.postData =
      'fields' in body
        ? {
            mimeType: body.mediaType,
            params: body.fields.map(([name, value]) => ({ name, value })),
          }
        : { mimeType: body.mediaType, text: body.text };
  }
  return har;
}
