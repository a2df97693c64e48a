import type { Localized, ProblemName } from '../../catalog/sandbox-problems.ts';

/** A failed call to the mock server, as a problem to answer with. */
export interface UpstreamFailure {
  name: ProblemName;
  detail: Localized;
}

/**
 * What went wrong on the way to a mock server: `unreachable` before anything was sent (no
 * connection), `cut` once the request may have been sent (the connection closed before an
 * answer), `timeout`, or `other` (an invalid answer, an abort).
 */
export type UpstreamFault = 'unreachable' | 'cut' | 'timeout' | 'other';

/** Error codes of undici and Node, with the fault each means and its words for operators. */
const faults = new Map<string, { fault: UpstreamFault; words: string }>([
  ['ECONNREFUSED', { fault: 'unreachable', words: 'connection refused' }],
  ['ENOTFOUND', { fault: 'unreachable', words: 'host not found' }],
  ['EAI_AGAIN', { fault: 'unreachable', words: 'host not found' }],
  ['EHOSTUNREACH', { fault: 'unreachable', words: 'host unreachable' }],
  ['ENETUNREACH', { fault: 'unreachable', words: 'network unreachable' }],
  ['UND_ERR_CONNECT_TIMEOUT', { fault: 'unreachable', words: 'connection timed out' }],
  ['UND_ERR_SOCKET', { fault: 'cut', words: 'connection closed before an answer' }],
  ['ECONNRESET', { fault: 'cut', words: 'connection reset' }],
  ['EPIPE', { fault: 'cut', words: 'connection closed while sending' }],
  ['UND_ERR_HEADERS_TIMEOUT', { fault: 'timeout', words: 'no answer in time' }],
  ['UND_ERR_BODY_TIMEOUT', { fault: 'timeout', words: 'no answer in time' }],
]);

/** The fault an error from undici means. */
export function toUpstreamFault(error: unknown): UpstreamFault {
  return findFault(error)?.fault ?? 'other';
}

/** The fault in a few words, for the operator's notices (never sent to a partner). */
export function describeUpstreamFault(error: unknown): string {
  // What `AbortSignal.timeout()` aborts with.
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return 'no answer in time';
  return findFault(error)?.words ?? 'invalid answer';
}

/**
 * Sorts an error from undici into the three answers a partner can act on: 503 when the mock
 * server cannot be reached (retry later), 504 when it is too slow, 502 for anything else it
 * did wrong. The detail names no internal address or error text.
 */
export function toUpstreamFailure(error: unknown, timeoutMs: number): UpstreamFailure {
  const fault = toUpstreamFault(error);
  if (fault === 'unreachable') {
    return {
      name: 'upstreamUnavailable',
      detail: {
        en: 'The sandbox mock server is not reachable right now. Retry in a moment.',
        fr: 'Le simulateur du bac à sable est injoignable pour l’instant. Réessayez dans un instant.',
      },
    };
  }
  if (fault === 'timeout') {
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

/** The first known code along the error's causes (undici wraps Node's errors). */
function findFault(error: unknown): { fault: UpstreamFault; words: string } | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    const found = typeof code === 'string' ? faults.get(code) : undefined;
    if (found !== undefined) return found;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
