import type pg from 'pg';
import { inPostgresTransaction } from '../../../catalog/postgres/open-postgres.ts';
import type { SqlRow } from '../../usage/usage-figures.ts';
import type { UsageStore } from '../gateway-store.ts';
import type { RollupMarks } from '../usage-plan.ts';
import { createCellWriter } from '../usage-cells.ts';
import { planRetention } from '../usage-retention.ts';
import { planRollUp, toRollupMarks } from '../usage-rollups.ts';
import { readMarksSql, type Statement } from '../usage-sql.ts';
import { countChanges, createQuery } from './postgres-queries.ts';
import { createUsageRowColumns } from './postgres-usage-rows.ts';

/**
 * The advisory lock every write to the usage tables takes (`gur` in ASCII), held to the end of
 * its transaction: a flush reads the rollups' marks to know which hour, day and week rows its
 * late calls add to, then rolls up what is over, so two instances doing so at once would
 * count calls twice (both rolling an hour) or not at all (a call committed into an hour the
 * other was rolling). One flush at a time, every few seconds, each a few statements.
 */
const usageLock = 0x677572;

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
 * transaction under the usage lock — the marks read, one statement adding every row its cells
 * add to and its daily rows (`postgres-usage-rows.ts`), then the rollups due — the retention
 * likewise, and the reports read with SQLite's queries, their placeholders numbered.
 */
export function createPostgresUsageStore(pool: pg.Pool): UsageStore {
  const query = createQuery(pool);
  return {
    writeUsage(batch, nowMinute) {
      return inPostgresTransaction(pool, async (client) => {
        const marks = await lockUsage(client);
        const rows = createUsageRowColumns();
        const writer = createCellWriter(rows.addAggregate, marks);
        batch.forEachCell(writer.write);
        const written = writer.finish();
        for (const row of batch.daily) rows.addDaily(row);
        await rows.upsert(client);
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
