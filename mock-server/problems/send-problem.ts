import type { ServerResponse } from 'node:http';
import { toHeaderText } from '../http/header-text.ts';
import { mockProblemTypes, toMockProblemTypeUri, type MockProblemName } from './problem-types.ts';

/** The media type of every refusal the mock server sends. */
export const problemMediaType = 'application/problem+json';

/** An RFC 9457 problem as the mock server serialises it. */
export interface MockProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The `X-Request-ID` received (the gateway's), so one id follows a call end to end. */
  instance: string;
  [extension: string]: unknown;
}

/** Builds the body of a problem of a catalogued type. */
export function toProblemBody(
  name: MockProblemName,
  detail: string,
  requestId: string,
  extensions: Record<string, unknown> = {},
): MockProblemBody {
  const problem = mockProblemTypes[name];
  return {
    type: toMockProblemTypeUri(problem),
    title: problem.title,
    status: problem.status,
    detail,
    instance: requestId,
    ...extensions,
  };
}

/** Extra headers and members a refusal may carry. */
export interface ProblemOptions {
  /** Members beyond the standard five (RFC 9457 §3.2), e.g. `violations`. */
  extensions?: Record<string, unknown>;
  /** `Allow`, `Retry-After`, `X-Guichet-Operation`… */
  headers?: Record<string, string>;
}

/** Answers a problem; does nothing more if an answer has already started. */
export function sendProblem(
  response: ServerResponse,
  name: MockProblemName,
  detail: string,
  requestId: string,
  options: ProblemOptions = {},
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const body = JSON.stringify(toProblemBody(name, detail, requestId, options.extensions));
  const headers = Object.fromEntries(
    Object.entries(options.headers ?? {}).map(([header, value]) => [header, toHeaderText(value)]),
  );
  response.writeHead(mockProblemTypes[name].status, {
    ...headers,
    'Content-Type': problemMediaType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  response.end(body);
}
