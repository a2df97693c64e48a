import type { OutgoingHttpHeaders } from 'node:http';
import {
  problemMediaType,
  toProblemBody,
  type ProblemExtensions,
} from '../problems/problem-body.ts';
import type { Localized, ProblemName } from '../../catalog/sandbox-problems.ts';
import {
  chooseLanguage,
  toLanguageHeaders,
  type SandboxLanguage,
} from '../../catalog/sandbox-languages.ts';
import type { Exchange } from './exchange.ts';

/** Extra headers and members for one problem. */
export interface ProblemOptions {
  headers?: OutgoingHttpHeaders;
  /** Members beyond the standard five; a function when one follows the language chosen. */
  extensions?: ProblemExtensions | ((language: SandboxLanguage) => ProblemExtensions);
}

/**
 * Answers with an RFC 9457 problem, carrying the exchange's own headers (request id, CORS…),
 * its title and detail in the language the request's `Accept-Language` prefers, or the
 * sandbox's default: the language is chosen here, so only refusals pay for it.
 */
export function sendProblem(
  exchange: Exchange,
  name: ProblemName,
  detail: Localized,
  options: ProblemOptions = {},
): void {
  const language = chooseLanguage(
    exchange.req.headers['accept-language'],
    exchange.defaultLanguage,
  );
  const { extensions } = options;
  const problem = toProblemBody(
    name,
    detail,
    exchange.requestId,
    language,
    typeof extensions === 'function' ? extensions(language) : extensions,
  );
  exchange.problem = name;
  sendBody(exchange, problem.status, problemMediaType, JSON.stringify(problem), {
    ...options.headers,
    ...toLanguageHeaders(language, options.headers?.vary ?? exchange.headers.vary),
  });
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
