import type { RollupMarks } from './usage-plan.ts';
import { planRollUp, planRowDrop } from './usage-rollups.ts';
import type { Statement } from './usage-sql.ts';

const minutesPerDay = 1440;

/**
 * The first minute kept at a minute's (and an hour's) resolution: whole days only, so a day's
 * minutes go once all of them are past the retention.
 */
export function toRetentionCutoff(retentionDays: number, nowMs: number): number {
  const nowMinute = Math.floor(nowMs / 60_000);
  return nowMinute - (nowMinute % minutesPerDay) - retentionDays * minutesPerDay;
}

/** What keeping the retention runs, in order, in one transaction. */
export interface RetentionPlan {
  statements: Statement[];
  /** The statement whose changed rows are the minute rows dropped, if any is. */
  droppedMinutes: Statement | undefined;
}

/**
 * Keeps `retentionDays` of minute (and hour) rows: rolls up what is over first, then drops the
 * minutes and hours of the days before, whose day rows keep counting them. The reports keep
 * every count, at a day's resolution past the retention, and the store stays about
 * `retentionDays` of minutes large. `marks` are the store's, read in the same transaction.
 */
export function planRetention(
  marks: RollupMarks,
  retentionDays: number,
  nowMs: number,
): RetentionPlan {
  const rollUp = planRollUp(marks, Math.floor(nowMs / 60_000));
  const drop = planRowDrop(rollUp.marks, toRetentionCutoff(retentionDays, nowMs));
  return {
    statements: [...rollUp.statements, ...(drop?.statements ?? [])],
    droppedMinutes: drop?.minutes,
  };
}
