import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import { latencyBucketCount } from '../observe/latency-buckets.ts';

const minutesPerDay = 1440;
const summed = [
  'requests',
  'quota_refusals',
  'latency_sum_ms',
  ...Array.from({ length: latencyBucketCount }, (_, index) => `l${String(index)}`),
];
const dimensions = 'api, version, operation, consumer_id, plan, status_class';

/** The two statements of a roll-up, in SQL both engines read; each takes the cutoff minute. */
export const usageRetentionSql = {
  rollUp: `INSERT INTO usage_aggregates (resolution, minute, ${dimensions}, ${summed.join(', ')})
       SELECT 'day', minute - (minute % ${String(minutesPerDay)}), ${dimensions},
         ${summed.map((name) => `SUM(${name})`).join(', ')}
       FROM usage_aggregates WHERE resolution = 'minute' AND minute < ?
       GROUP BY minute - (minute % ${String(minutesPerDay)}), ${dimensions}
       ON CONFLICT (resolution, minute, api, version, operation, consumer_id, plan, status_class)
       DO UPDATE SET ${summed.map((name) => `${name} = usage_aggregates.${name} + excluded.${name}`).join(', ')}`,
  dropMinutes: `DELETE FROM usage_aggregates WHERE resolution = 'minute' AND minute < ?`,
} as const;

/**
 * The first minute kept at a minute's resolution: whole days only, so a day is rolled up once,
 * when all its minutes are past the retention.
 */
export function toRetentionCutoff(retentionDays: number, nowMs: number): number {
  const nowMinute = Math.floor(nowMs / 60_000);
  return nowMinute - (nowMinute % minutesPerDay) - retentionDays * minutesPerDay;
}

/**
 * Rolls per-minute aggregates older than `retentionDays` up into one row per day (same API,
 * version, operation, consumer, plan and status class) and drops the minutes, in one
 * transaction: the reports keep every count, at a day's resolution past the retention, and the
 * store stays about `retentionDays` of minutes large. Returns the minute rows rolled up.
 */
export function applyUsageRetention(
  db: DatabaseSync,
  retentionDays: number,
  nowMs: number,
): number {
  const cutoff = toRetentionCutoff(retentionDays, nowMs);
  return inTransaction(db, () => {
    db.prepare(usageRetentionSql.rollUp).run(cutoff);
    const removed = db.prepare(usageRetentionSql.dropMinutes).run(cutoff);
    return Number(removed.changes);
  });
}
