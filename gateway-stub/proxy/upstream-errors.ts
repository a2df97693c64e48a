import type { Localized, ProblemName } from '../../catalog/sandbox-problems.ts';

/** A failed call to the mock server, as a problem to answer with. */
export interface UpstreamFailure {
  name: ProblemName;
  detail: Localized;
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Sorts an error from undici into the three answers a partner can act on: 503 when the mock
 * server cannot be reached (retry later), 504 when it is too slow, 502 for anything else it
 * did wrong. The detail names no internal address or error text.
 */
export function toUpstreamFailure(error: unknown, timeoutMs: number): UpstreamFailure {
  const code = errorCode(error);
  if (code !== undefined && unavailableCodes.has(code)) {
    return {
      name: 'upstreamUnavailable',
      detail: {
        en: 'The sandbox mock server is not reachable right now. Retry in a moment.',
        fr: 'Le simulateur du bac à sable est injoignable pour l’instant. Réessayez dans un instant.',
      },
    };
  }
  if (code !== undefined && timeoutCodes.has(code)) {
    return {
      name: 'upstreamTimeout',
      detail: {
        en: `The sandbox mock server did not answer within ${String(timeoutMs)} ms.`,
        fr: `Le simulateur du bac à sable n’a pas répondu en ${String(timeoutMs)} ms.`,
      },
    };
  }
  return {
    name: 'upstreamFailed',
    detail: {
      en: 'The sandbox mock server closed the connection or sent an invalid answer.',
      fr: 'Le simulateur du bac à sable a fermé la connexion ou envoyé une réponse invalide.',
    },
  };
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (unavailableCodes.has(code) || timeoutCodes.has(code))) {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
