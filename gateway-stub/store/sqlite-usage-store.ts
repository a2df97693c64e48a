import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import type { UsageStore } from './gateway-store.ts';
import { createCellWriter, type RowSink } from './usage-cells.ts';
import { planRetention } from './usage-retention.ts';
import { planRollUp, toRollupMarks } from './usage-rollups.ts';
import {
  readMarksSql,
  upsertAggregateSql,
  upsertDailyUsageSql,
  type Statement,
} from './usage-sql.ts';

/**
 * The usage tables in the data folder's SQLite file: a flush is one transaction of prepared
 * upserts, a row at a time as the cells are walked (nothing built in between), followed by the
 * rollups that are due; the reports' queries run as they are. Everything answers at once.
 */
export function createSqliteUsageStore(db: DatabaseSync): UsageStore {
  const upsert = db.prepare(upsertAggregateSql);
  const upsertDaily = db.prepare(upsertDailyUsageSql);
  const readMarks = db.prepare(readMarksSql);
  const sink: RowSink = (values) => {
    upsert.run(...values);
  };
  const run = (statements: readonly Statement[], counted?: Statement): number => {
    let changes = 0;
    for (const statement of statements) {
      const result = db.prepare(statement.sql).run(...statement.params);
      if (statement === counted) changes = Number(result.changes);
    }
    return changes;
  };
  return {
    writeUsage(batch, nowMinute) {
      // The marks, the counts and the rollups move together.
      return inTransaction(db, () => {
        const marks = toRollupMarks(readMarks.all());
        const writer = createCellWriter(sink, marks);
        batch.forEachCell(writer.write);
        const written = writer.finish();
        for (const row of batch.daily) upsertDaily.run(...row);
        run(planRollUp(marks, nowMinute).statements);
        return written;
      });
    },
    applyRetention(retentionDays, nowMs) {
      return inTransaction(db, () => {
        const plan = planRetention(toRollupMarks(readMarks.all()), retentionDays, nowMs);
        return run(plan.statements, plan.droppedMinutes);
      });
    },
    optimizeQueries(first) {
      // `PRAGMA optimize`, as SQLite advises for a long-lived connection: without statistics
      // it reads a busy API's or consumer's rows through the primary key, every row of the
      // period, instead of their own index. At start it analyses the tables never analysed
      // or much grown since, on a sample of each index (`analysis_limit`: a few seconds for
      // 10 million rows); later, only tables that changed a lot, otherwise at no cost.
      if (first) {
        db.exec('PRAGMA analysis_limit = 1000');
        db.exec('PRAGMA optimize = 0x10002');
      } else {
        db.exec('PRAGMA optimize');
      }
    },
    query: (sql, params) => db.prepare(sql).all(...params),
  };
}
