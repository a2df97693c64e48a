import type pg from 'pg';
import { inPostgresTransaction } from '../../../catalog/postgres/open-postgres.ts';
import type { SqlRow } from '../../usage/usage-figures.ts';
import type { UsageStore } from '../gateway-store.ts';
import {
  addAggregateCountsSql,
  addDailyRequestsSql,
  aggregateColumns,
  aggregateKeyColumns,
  dailyUsageColumns,
  type UsageRow,
} from '../usage-aggregates.ts';
import { toRetentionCutoff, usageRetentionSql } from '../usage-retention.ts';
import { countChanges, createQuery } from './postgres-queries.ts';

/** The advisory lock of the hourly roll-up (`gur` in ASCII): one instance at a time. */
const retentionLock = 0x677572;

/** Rows per statement: well under PostgreSQL's 65,535 parameters a statement. */
const rowsPerStatement = 1_000;

/** Orders rows by their key, so two instances' flushes lock shared rows in the same order. */
function byKey(keyLength: number): (a: UsageRow, b: UsageRow) => number {
  return (a, b) => {
    for (let index = 0; index < keyLength; index += 1) {
      const left = a[index] ?? '';
      const right = b[index] ?? '';
      if (left < right) return -1;
      if (left > right) return 1;
    }
    return 0;
  };
}

/** Adds `rows` to `table`, a statement per thousand rows. */
async function upsertRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  onConflict: string,
  rows: readonly UsageRow[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    // Numbered here rather than by `toPostgresSql`, which keeps the texts it numbered.
    const tuples = chunk.map(
      (_, row) =>
        `(${columns.map((__, column) => `$${String(row * columns.length + column + 1)}`).join(', ')})`,
    );
    await client.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${onConflict}`,
      chunk.flat(),
    );
  }
}

/**
 * The usage tables on PostgreSQL, which every instance adds its counts to: each flush is one
 * transaction of multi-row upserts (rows sorted by key, so two instances' flushes never
 * deadlock), the hourly roll-up runs under an advisory lock (two at once would count the
 * minutes they both read twice), and the reports read with SQLite's queries.
 */
export function createPostgresUsageStore(pool: pg.Pool): UsageStore {
  const query = createQuery(pool);
  return {
    async writeUsage(rows, daily) {
      if (rows.length === 0 && daily.length === 0) return;
      await inPostgresTransaction(pool, async (client) => {
        await upsertRows(
          client,
          'usage_aggregates',
          aggregateColumns,
          addAggregateCountsSql,
          [...rows].sort(byKey(aggregateKeyColumns.length)),
        );
        await upsertRows(
          client,
          'usage',
          dailyUsageColumns,
          addDailyRequestsSql,
          [...daily].sort(byKey(dailyUsageColumns.length - 1)),
        );
      });
    },
    applyRetention(retentionDays, nowMs) {
      const cutoff = toRetentionCutoff(retentionDays, nowMs);
      return inPostgresTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [retentionLock]);
        await countChanges(client, usageRetentionSql.rollUp, [cutoff]);
        return countChanges(client, usageRetentionSql.dropMinutes, [cutoff]);
      });
    },
    query: (sql, params) => query<SqlRow>(sql, params),
  };
}
