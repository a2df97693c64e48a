import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

/** Consumers per operation: `<api>/<version>` → operation name → distinct consumers. */
export type ConsumersByOperation = Map<string, Map<string, number>>;

/** The distinct consumers of each operation since a day, in SQL both engines read. */
export const consumersByOperationSql = `SELECT api, version, operation, COUNT(DISTINCT consumer_id) AS consumers
  FROM usage WHERE day >= ? GROUP BY api, version, operation`;

/** One row of `consumersByOperationSql`. */
export interface ConsumersRow {
  api: string;
  version: string;
  operation: string;
  consumers: number;
}

/** The rows of `consumersByOperationSql` as a map by API version, then operation. */
export function toConsumersByOperation(rows: readonly ConsumersRow[]): ConsumersByOperation {
  const counts: ConsumersByOperation = new Map();
  for (const row of rows) {
    const key = `${row.api}/${row.version}`;
    const operations = counts.get(key) ?? new Map<string, number>();
    operations.set(row.operation, row.consumers);
    counts.set(key, operations);
  }
  return counts;
}

/**
 * Counts, for each operation, the distinct consumers that called it since `sinceDay`
 * (YYYY-MM-DD), from the `usage` table the gateway fills. The store is opened read-only, so a
 * running gateway keeps writing undisturbed (WAL readers never block the writer). Returns
 * `undefined` when there is no store there yet or it predates the usage table.
 */
export function countConsumersByOperation(
  databaseFile: string,
  sinceDay: string,
): ConsumersByOperation | undefined {
  if (!existsSync(databaseFile)) return undefined;
  const db = new DatabaseSync(databaseFile, { readOnly: true });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'usage'")
      .get();
    if (!table) return undefined;
    return toConsumersByOperation(
      db.prepare(consumersByOperationSql).all(sinceDay) as unknown as ConsumersRow[],
    );
  } finally {
    db.close();
  }
}
