import type { ServerResponse } from 'node:http';
import { toHeaderText } from '../http/header-text.ts';
import {
  chooseLanguage,
  toLanguageHeaders,
  type SandboxLanguage,
} from '../../catalog/sandbox-languages.ts';
import {
  problemMediaType,
  problemTypes,
  toProblemBody,
  type Localized,
  type ProblemName,
} from '../../catalog/sandbox-problems.ts';

/** Extra headers and members a refusal may carry. */
export interface ProblemOptions {
  /** Members beyond the standard five (RFC 9457 §3.2), e.g. `violations`. */
  extensions?: Record<string, unknown>;
  /** `Allow`, `Retry-After`, `X-Guichet-Operation`… */
  headers?: Record<string, string>;
}

/** Sends one refusal of the catalog on `response`, unless an answer has already started. */
export type SendProblem = (
  response: ServerResponse,
  name: ProblemName,
  detail: Localized,
  requestId: string,
  options?: ProblemOptions,
) => void;

/**
 * The mock server's one problem sender, made once at start with its default language (the
 * portal's, `GUICHET_LANGUAGE`): each refusal is answered in the language the request's
 * `Accept-Language` prefers, else that one.
 */
export function createProblemSender(defaultLanguage: SandboxLanguage): SendProblem {
  return (response, name, detail, requestId, options = {}) => {
    if (response.headersSent) {
      response.end();
      return;
    }
    const language = chooseLanguage(response.req.headers['accept-language'], defaultLanguage);
    const body = JSON.stringify(
      toProblemBody(name, detail, requestId, language, options.extensions),
    );
    const headers = Object.fromEntries(
      Object.entries(options.headers ?? {}).map(([header, value]) => [header, toHeaderText(value)]),
    );
    response.writeHead(problemTypes[name].status, {
      ...headers,
      'Content-Type': problemMediaType,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      ...toLanguageHeaders(language, headers.Vary),
    });
    response.end(body);
  };
}
