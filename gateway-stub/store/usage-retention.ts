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
