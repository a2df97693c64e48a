import type { ServerResponse } from 'node:http';
import { toHeaderText } from '../http/header-text.ts';
import {
  chooseLanguage,
  defaultSandboxLanguage,
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

/**
 * The default language of the mock server that answers each response, set as a request comes
 * in (`useDefaultLanguage`): refusals are sent from many modules that know only the response.
 */
const defaultLanguages = new WeakMap<ServerResponse, SandboxLanguage>();

/** Says which language refusals to this response fall back to (the portal's). */
export function useDefaultLanguage(response: ServerResponse, language: SandboxLanguage): void {
  defaultLanguages.set(response, language);
}

/** Extra headers and members a refusal may carry. */
export interface ProblemOptions {
  /** Members beyond the standard five (RFC 9457 §3.2), e.g. `violations`. */
  extensions?: Record<string, unknown>;
  /** `Allow`, `Retry-After`, `X-Guichet-Operation`… */
  headers?: Record<string, string>;
}

/**
 * Answers a problem in the language the request's `Accept-Language` prefers, else the mock
 * server's default; does nothing more if an answer has already started.
 */
export function sendProblem(
  response: ServerResponse,
  name: ProblemName,
  detail: Localized,
  requestId: string,
  options: ProblemOptions = {},
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const language = chooseLanguage(
    response.req.headers['accept-language'],
    defaultLanguages.get(response) ?? defaultSandboxLanguage,
  );
  const body = JSON.stringify(toProblemBody(name, detail, requestId, language, options.extensions));
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
}
