import type { Exchange } from '../http/exchange.ts';
import { sendJson, sendProblem } from '../http/send-response.ts';
import { KeyServiceError } from '../keys/key-service-error.ts';
import type { ProblemName } from '../../catalog/sandbox-problems.ts';

/** How the admin API answers the outcome of its work. */
export interface AdminAnswers {
  /**
   * Answers what `work` settles with, as JSON: a change once committed, a failure as its
   * problem (a decision the service refused, the store away).
   */
  respond: (exchange: Exchange, status: number, work: () => Promise<unknown>) => void;
  /** Answers a failure: the key service's refusals as their problems, the rest to `fail`. */
  answerError: (exchange: Exchange, error: unknown) => void;
}

const problemOfCode: Record<KeyServiceError['code'], ProblemName> = {
  'invalid-input': 'invalidRequest',
  'unknown-api': 'invalidRequest',
  'unknown-subscription': 'unknownSubscription',
  'conflicting-state': 'conflictingState',
};

/** The admin API's answers; `fail` answers what is no refusal of the key service. */
export function createAdminAnswers(
  fail: (exchange: Exchange, error: unknown) => void,
): AdminAnswers {
  const answerError = (exchange: Exchange, error: unknown): void => {
    if (error instanceof KeyServiceError) {
      // The key service words its refusals once, in English, for the CLI and this API alike.
      const text = `${error.message}. ${error.hint}`.trim();
      sendProblem(exchange, problemOfCode[error.code], {
        en: text,
        fr: `Le service des clés refuse la demande : ${text}`,
      });
      return;
    }
    fail(exchange, error);
  };
  return {
    respond: (exchange, status, work) => {
      work().then(
        (value) => {
          sendJson(exchange, status, value);
        },
        (error: unknown) => {
          answerError(exchange, error);
        },
      );
    },
    answerError,
  };
}
