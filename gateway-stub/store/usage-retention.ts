import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import { dropRowsBefore, rollUpUsage } from './usage-rollups.ts';

const minutesPerDay = 1440;

/**
 * Keeps `retentionDays` of minute (and hour) rows: rolls up what is over first, then drops the
 * minutes and hours of the days before, whose day rows keep counting them, in one
 * transaction. The reports keep every count, at a day's resolution past the retention, and the
 * store stays about `retentionDays` of minutes large. Returns the minute rows dropped.
 */
export function applyUsageRetention(
  db: DatabaseSync,
  retentionDays: number,
  nowMs: number,
): number {
  const nowMinute = Math.floor(nowMs / 60_000);
  // Whole days only: a day's minutes go once all of them are past the retention.
  const cutoff = nowMinute - (nowMinute % minutesPerDay) - retentionDays * minutesPerDay;
  return inTransaction(db, () => {
    rollUpUsage(db, nowMinute);
    return dropRowsBefore(db, cutoff);
  });
}

/**
 * Keeps SQLite's query planner informed of the aggregates' shape (`PRAGMA optimize`, as SQLite
 * advises for a long-lived connection): without statistics it reads a busy API's or consumer's
 * rows through the primary key, every row of the period, instead of their own index. `first`,
 * at start, analyses the tables never analysed or much grown since, on a sample of each index
 * (`analysis_limit`: a few seconds for 10 million rows); later calls redo it only for tables
 * that changed a lot, otherwise at no cost. PostgreSQL keeps its statistics itself (autovacuum).
 */
export function optimizeUsageQueries(db: DatabaseSync, first: boolean): void {
  if (first) {
    db.exec('PRAGMA analysis_limit = 1000');
    db.exec('PRAGMA optimize = 0x10002');
  } else {
    db.exec('PRAGMA optimize');
  }
}
