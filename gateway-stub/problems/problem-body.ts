import { problemTypes, toProblemTypeUri, type ProblemName } from './problem-types.ts';

/** The media type of every refusal the gateway sends. */
export const problemMediaType = 'application/problem+json';

/** Members a problem may carry beyond the standard five (RFC 9457 §3.2 extensions). */
export type ProblemExtensions = Record<string, unknown>;

/** An RFC 9457 problem as the gateway serialises it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request id, so a partner can quote it to the support. */
  instance: string;
  [extension: string]: unknown;
}

/** Builds the body of a problem of a catalogued type. */
export function toProblemBody(
  name: ProblemName,
  detail: string,
  requestId: string,
  extensions?: ProblemExtensions,
): ProblemBody {
  const problem = problemTypes[name];
  return {
    type: toProblemTypeUri(problem),
    title: problem.title,
    status: problem.status,
    detail,
    instance: requestId,
    ...extensions,
  };
}

/**
 * A complete HTTP/1.1 response for a problem, as bytes to write on a raw socket: used when
 * Node's parser refuses a request before any `ServerResponse` exists (headers too large).
 */
export function toRawProblemResponse(name: ProblemName, detail: string, requestId: string): string {
  const body = JSON.stringify(toProblemBody(name, detail, requestId));
  const problem = problemTypes[name];
  return [
    `HTTP/1.1 ${problem.status} ${problem.title}`,
    `Content-Type: ${problemMediaType}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-ID: ${requestId}`,
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
