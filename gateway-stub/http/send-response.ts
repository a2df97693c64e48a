import type { OutgoingHttpHeaders } from 'node:http';
import {
  problemMediaType,
  toProblemBody,
  type ProblemExtensions,
} from '../problems/problem-body.ts';
import type { ProblemName } from '../../catalog/sandbox-problems.ts';
import type { Exchange } from './exchange.ts';

/** Extra headers and members for one problem. */
export interface ProblemOptions {
  headers?: OutgoingHttpHeaders;
  extensions?: ProblemExtensions;
}

/** Answers with an RFC 9457 problem, carrying the exchange's own headers (request id, CORS…). */
export function sendProblem(
  exchange: Exchange,
  name: ProblemName,
  detail: string,
  options: ProblemOptions = {},
): void {
  const problem = toProblemBody(name, detail, exchange.requestId, options.extensions);
  exchange.problem = name;
  sendBody(exchange, problem.status, problemMediaType, JSON.stringify(problem), options.headers);
}

/** Answers with a JSON document. */
export function sendJson(
  exchange: Exchange,
  status: number,
  value: unknown,
  headers?: OutgoingHttpHeaders,
): void {
  sendBody(exchange, status, 'application/json', JSON.stringify(value), headers);
}

/** Answers with a body already serialised. */
export function sendBody(
  exchange: Exchange,
  status: number,
  contentType: string,
  body: string,
  headers?: OutgoingHttpHeaders,
): void {
  const { res } = exchange;
  exchange.status = status;
  if (res.headersSent) {
    // The answer already started (a stream broke halfway): all that is left is to cut it short.
    res.destroy();
    return;
  }
  res.writeHead(status, {
    ...exchange.headers,
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(exchange.req.method === 'HEAD' ? undefined : body);
}
