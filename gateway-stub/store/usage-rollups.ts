import type { SqlRow } from '../usage/usage-figures.ts';
import {
  grainDimensions,
  toResolutionStart,
  type Grain,
  type Resolution,
  type RollupMarks,
} from './usage-plan.ts';
import { deleteRowsBeforeSql, toRollUpSql, writeMarkSql, type Statement } from './usage-sql.ts';

/**
 * The coarser rows the reports read long periods from (`usage-plan.ts`). Whole hours are
 * rolled up from their minutes once they are over, into each grain; whole days from the
 * hours, whole weeks from the days — a few `INSERT … SELECT` an hour, nothing on the request
 * path and nothing in most flushes. A call written after its hour, day or week was rolled up
 * (counts kept in memory through a full disk, a call that outlived its minute) is added to
 * those rows as well (`usage-cells.ts`), so every grain and resolution always holds every call
 * it covers. What to run is worked out here from the marks alone, as statements both engines
 * run in the transaction that read the marks (`sqlite-usage-store.ts`,
 * `postgres/postgres-usage-store.ts`).
 */

const markNames = {
  hoursUntil: 'hours-until',
  daysUntil: 'days-until',
  weeksUntil: 'weeks-until',
  minutesFrom: 'minutes-from',
} as const satisfies Record<keyof RollupMarks, string>;

/** Every grain, in the order the rollups write them. */
export const grains = Object.keys(grainDimensions) as Grain[];

/** The marks from `readMarksSql`'s rows (all 0 in a store no rollup has run on yet). */
export function toRollupMarks(rows: readonly SqlRow[]): RollupMarks {
  const byName = new Map(rows.map((row) => [String(row.name), Number(row.minute)]));
  return {
    hoursUntil: byName.get(markNames.hoursUntil) ?? 0,
    daysUntil: byName.get(markNames.daysUntil) ?? 0,
    weeksUntil: byName.get(markNames.weeksUntil) ?? 0,
    minutesFrom: byName.get(markNames.minutesFrom) ?? 0,
  };
}

function toMarkMove(name: keyof RollupMarks, to: number): Statement {
  return { sql: writeMarkSql, params: [to, markNames[name]] };
}

/**
 * What rolls the hours that ended before `nowMinute` into hour rows of every grain, then the
 * days whose hours are all rolled, then the weeks whose days are, and moves the marks: the
 * statements, in order, and the marks once they ran. Nothing when no hour ended since.
 */
export function planRollUp(
  marks: RollupMarks,
  nowMinute: number,
): { statements: Statement[]; marks: RollupMarks } {
  const after = { ...marks };
  const statements: Statement[] = [];
  const roll = (mark: keyof RollupMarks, source: Resolution, target: Resolution, until: number) => {
    if (until <= after[mark]) return;
    for (const grain of grains) {
      // Every grain's hours come from the minutes of every dimension; coarser from its own.
      const from = { grain: source === 'minute' ? 'all' : grain, resolution: source } as const;
      statements.push({
        sql: toRollUpSql(from, { grain, resolution: target }),
        params: [after[mark], until],
      });
    }
    statements.push(toMarkMove(mark, until));
    after[mark] = until;
  };
  // Each step rolls only what the finer one has finished.
  roll('hoursUntil', 'minute', 'hour', toResolutionStart(nowMinute, 'hour'));
  roll('daysUntil', 'hour', 'day', toResolutionStart(after.hoursUntil, 'day'));
  roll('weeksUntil', 'day', 'week', toResolutionStart(after.daysUntil, 'week'));
  return { statements, marks: after };
}

/** What drops the rows past the retention; `minutes` is the statement dropping minute rows. */
export interface RowDrop {
  statements: Statement[];
  minutes: Statement;
}

/**
 * What drops minute and hour rows before `cutoff` (a day's start), past the retention: the
 * day and week rows keep counting them. Never before the days rolled up (`marks` as they are
 * once the rollups ran), so no call is lost; undefined when there is nothing to drop.
 */
export function planRowDrop(marks: RollupMarks, cutoff: number): RowDrop | undefined {
  const until = Math.min(cutoff, marks.daysUntil);
  if (until <= marks.minutesFrom) return undefined;
  const minutes = { sql: deleteRowsBeforeSql, params: ['minute', until] };
  return {
    statements: [
      minutes,
      { sql: deleteRowsBeforeSql, params: ['hour', until] },
      toMarkMove('minutesFrom', until),
    ],
    minutes,
  };
}
