import type pg from 'pg';
import { inPostgresTransaction } from '../../../catalog/postgres/open-postgres.ts';
import type { SqlRow } from '../../usage/usage-figures.ts';
import type { UsageStore } from '../gateway-store.ts';
import type { UsageRow } from '../usage-aggregates.ts';
import type { RollupMarks } from '../usage-plan.ts';
import { createCellWriter } from '../usage-cells.ts';
import { planRetention } from '../usage-retention.ts';
import { planRollUp, toRollupMarks } from '../usage-rollups.ts';
import {
  addAggregateCountsSql,
  addDailyRequestsSql,
  aggregateColumns,
  dailyUsageColumns,
  readMarksSql,
  type Statement,
} from '../usage-sql.ts';
import { countChanges, createQuery } from './postgres-queries.ts';

/**
 * The advisory lock every write to the usage tables takes (`gur` in ASCII), held to the end of
 * its transaction: a flush reads the rollups' marks to know which hour, day and week rows its
 * late calls add to, then rolls up what is over, so two instances doing so at once would
 * count calls twice (both rolling an hour) or not at all (a call committed into an hour the
 * other was rolling). One flush at a time, every few seconds, each a few statements.
 */
const usageLock = 0x677572;

/** Rows per statement: well under PostgreSQL's 65,535 parameters a statement. */
const rowsPerStatement = 1_000;

/**
 * Adds `rows` to `table`, a statement per thousand rows. No two rows share a key (a flush
 * gives each row once, `usage-cells.ts`), which a multi-row upsert needs.
 */
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

/** Runs `statements` in order; returns the rows `counted` changed. */
async function runAll(
  client: pg.PoolClient,
  statements: readonly Statement[],
  counted?: Statement,
): Promise<number> {
  let changes = 0;
  for (const statement of statements) {
    const rows = await countChanges(client, statement.sql, statement.params);
    if (statement === counted) changes = rows;
  }
  return changes;
}

/** Takes the usage lock, then reads the marks, in `client`'s transaction. */
async function lockUsage(client: pg.PoolClient): Promise<RollupMarks> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [usageLock]);
  return toRollupMarks((await client.query<SqlRow>(readMarksSql)).rows);
}

/**
 * The usage tables on PostgreSQL, which every instance adds its counts to: each flush is one
 * transaction under the usage lock — the marks read, multi-row upserts of the rows its cells
 * add to, the daily rows, then the rollups due — the retention likewise, and the reports
 * read with SQLite's queries, their placeholders numbered.
 */
export function createPostgresUsageStore(pool: pg.Pool): UsageStore {
  const query = createQuery(pool);
  return {
    writeUsage(batch, nowMinute) {
      return inPostgresTransaction(pool, async (client) => {
        const marks = await lockUsage(client);
        const rows: UsageRow[] = [];
        const writer = createCellWriter((values) => rows.push([...values]), marks);
        batch.forEachCell(writer.write);
        const written = writer.finish();
        await upsertRows(client, 'usage_aggregates', aggregateColumns, addAggregateCountsSql, rows);
        await upsertRows(client, 'usage', dailyUsageColumns, addDailyRequestsSql, batch.daily);
        await runAll(client, planRollUp(marks, nowMinute).statements);
        return written;
      });
    },
    applyRetention(retentionDays, nowMs) {
      return inPostgresTransaction(pool, async (client) => {
        const plan = planRetention(await lockUsage(client), retentionDays, nowMs);
        return runAll(client, plan.statements, plan.droppedMinutes);
      });
    },
    // Autovacuum analyses the tables as they grow.
    optimizeQueries: () => undefined,
    query: (sql, params) => query<SqlRow>(sql, params),
  };
}
