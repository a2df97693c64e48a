import { toLanguageHeaders } from '../../catalog/sandbox-languages.ts';
import {
  problemTypes,
  toProblemBody,
  type Localized,
  type ProblemName,
  type SandboxLanguage,
} from '../../catalog/sandbox-problems.ts';

export {
  problemMediaType,
  toProblemBody,
  type ProblemBody,
  type ProblemName,
} from '../../catalog/sandbox-problems.ts';

/** Members a problem may carry beyond the standard five (RFC 9457 §3.2 extensions). */
export type ProblemExtensions = Record<string, unknown>;

/**
 * A complete HTTP/1.1 response for a problem, as bytes to write on a raw socket: used when
 * Node's parser refuses a request before any `ServerResponse` exists (headers too large), or
 * for `CONNECT`, which gets a socket and no `ServerResponse`; `headers` are added as given.
 */
export function toRawProblemResponse(
  name: ProblemName,
  detail: Localized,
  requestId: string,
  language: SandboxLanguage,
  headers: Record<string, string> = {},
): string {
  const body = JSON.stringify(toProblemBody(name, detail, requestId, language));
  const problem = problemTypes[name];
  const { vary } = toLanguageHeaders(language);
  return [
    // The reason phrase stays the English title: ASCII, which a status line must be.
    `HTTP/1.1 ${problem.status} ${problem.title.en}`,
    'Content-Type: application/problem+json',
    `Content-Language: ${language}`,
    `Vary: ${vary}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-ID: ${requestId}`,
    'Cache-Control: no-store',
    'Connection: close',
    ...Object.entries(headers).map(([field, value]) => `${field}: ${value}`),
    '',
    body,
  ].join('\r\n');
}
