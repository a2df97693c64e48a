import type { ServerResponse } from 'node:http';
import { toHeaderText } from '../http/header-text.ts';
import {
  problemMediaType,
  problemTypes,
  toProblemBody,
  type ProblemName,
} from '../../catalog/sandbox-problems.ts';

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
  name: ProblemName,
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
  response.writeHead(problemTypes[name].status, {
    ...headers,
    'Content-Type': problemMediaType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  response.end(body);
}
