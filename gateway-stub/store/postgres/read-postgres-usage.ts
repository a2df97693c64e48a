import { connectPostgresClient } from '../../../catalog/postgres/open-postgres.ts';
import {
  consumersByOperationSql,
  toConsumersByOperation,
  type ConsumersByOperation,
  type ConsumersRow,
} from '../read-usage.ts';
import { toPostgresSql } from './postgres-queries.ts';

/**
 * `countConsumersByOperation` on the PostgreSQL store, in one read: undefined when the
 * database cannot be reached or holds no gateway store yet (a report without usage, not a
 * failure of the comparison).
 */
export async function countConsumersByOperationOnPostgres(
  url: string,
  sinceDay: string,
): Promise<ConsumersByOperation | undefined> {
  let client;
  try {
    client = await connectPostgresClient(url);
  } catch {
    return undefined;
  }
  try {
    const table = await client.query("SELECT to_regclass('usage') AS name");
    if ((table.rows[0] as { name: string | null } | undefined)?.name == null) return undefined;
    const { rows } = await client.query<ConsumersRow>(toPostgresSql(consumersByOperationSql), [
      sinceDay,
    ]);
    return toConsumersByOperation(rows);
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
