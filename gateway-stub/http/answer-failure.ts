import { isStoreUnavailable } from '../../catalog/postgres/postgres-errors.ts';
import { isStoreFull } from '../../catalog/sqlite/store-errors.ts';
import type { Exchange } from './exchange.ts';
import { sendProblem } from './send-response.ts';

/** What the answer to an unexpected error reports to. */
export interface FailureAnswerOptions {
  /** Where unexpected errors go (stack traces stay server-side). */
  onError: (error: unknown) => void;
  /** Counts a write the store refused for a full disk, for `/metrics`. */
  countStoreFull: () => void;
}

/**
 * Answers an error no stage expected. The store's own states are expected enough to be named:
 * PostgreSQL away (503 `store-unavailable`, retry in a moment: keys already used keep working)
 * and a full disk (507); either way the partner learns nothing was changed. Anything else is a
 * 500 that leaks nothing. `where` adds where the store is to the admin API's wording, never to
 * the public's.
 */
export function createFailureAnswer(
  options: FailureAnswerOptions,
): (exchange: Exchange, error: unknown, where: string) => void {
  return (exchange, error, where) => {
    if (isStoreUnavailable(error)) {
      sendProblem(
        exchange,
        'storeUnavailable',
        {
          en: `The sandbox store${where} did not answer: nothing was changed. Keys already used keep working; retry in a moment.`,
          fr: `La base du bac à sable${where} n’a pas répondu : rien n’a été changé. Les clés déjà utilisées continuent de fonctionner ; réessayez dans un instant.`,
        },
        { headers: { 'retry-after': '5' } },
      );
      return;
    }
    if (isStoreFull(error)) {
      options.countStoreFull();
      sendProblem(exchange, 'insufficientStorage', {
        en: `The disk holding the sandbox store${where} is full: nothing was changed. Calls to the APIs still work; retry once space is freed.`,
        fr: `Le disque qui porte la base du bac à sable${where} est plein : rien n’a été changé. Les appels aux API fonctionnent toujours ; réessayez quand de la place aura été libérée.`,
      });
      return;
    }
    options.onError(error);
    sendProblem(exchange, 'internalError', {
      en: 'The gateway met an unexpected error. Quote the instance to the support.',
      fr: 'La passerelle a rencontré une erreur inattendue. Donnez la valeur d’instance au support.',
    });
  };
}
