import { isStoreUnavailable } from '../../catalog/postgres/postgres-errors.ts';
import { isStoreFull } from '../../catalog/sqlite/store-errors.ts';
import type { Refusal } from '../answer/to-refusal.ts';

/**
 * The refusal for a store that cannot take a call, whichever store it is: its disk full (507
 * `insufficient-storage`, SQLite or PostgreSQL) or PostgreSQL away (503 `store-unavailable`).
 * Nothing was changed either way, and what was stored before is kept. Any other error is not
 * the store's state, and gets `undefined`.
 */
export function toStoreRefusal(error: unknown): Refusal | undefined {
  if (isStoreFull(error)) {
    return {
      name: 'insufficientStorage',
      detail: {
        en: 'The disk holding the sandbox’s objects is full: nothing was changed.',
        fr: 'Le disque qui porte les objets du bac à sable est plein : rien n’a été changé.',
      },
    };
  }
  if (isStoreUnavailable(error)) {
    return {
      name: 'storeUnavailable',
      detail: {
        en: 'The database holding the sandbox’s objects did not answer: nothing was changed.',
        fr: 'La base de données qui garde les objets du bac à sable n’a pas répondu : rien n’a été changé.',
      },
    };
  }
  return undefined;
}
