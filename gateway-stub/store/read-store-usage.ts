import { countConsumersByOperationOnPostgres } from './postgres/read-postgres-usage.ts';
import { countConsumersByOperation, type ConsumersByOperation } from './read-usage.ts';

/**
 * The same counts from a store given as a SQLite file or as a PostgreSQL URL (`postgres://…`,
 * the store the gateways share): undefined when there is none there, or it cannot be read.
 */
export async function readConsumersByOperation(
  store: string,
  sinceDay: string,
): Promise<ConsumersByOperation | undefined> {
  if (/^postgres(?:ql)?:\/\//.test(store)) {
    return countConsumersByOperationOnPostgres(store, sinceDay);
  }
  return countConsumersByOperation(store, sinceDay);
}
