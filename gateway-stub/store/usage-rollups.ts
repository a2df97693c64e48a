import type { DatabaseSync } from 'node:sqlite';
import {
  grainDimensions,
  toResolutionStart,
  type Grain,
  type Resolution,
  type RollupMarks,
} from './usage-plan.ts';
import {
  deleteRowsBeforeSql,
  dimensionColumns,
  readMarksSql,
  toRollUpSql,
  upsertAggregateSql,
  writeMarkSql,
} from './usage-sql.ts';

/**
 * The coarser rows the reports read long periods from (`usage-plan.ts`). Whole hours are
 * rolled up from their minutes once they are over, into each grain; whole days from the
 * hours, whole weeks from the days — a few `INSERT … SELECT` an hour, nothing on the request
 * path and nothing in most flushes. A call written after its hour, day or week was rolled up
 * (counts kept in memory through a full disk, a call that outlived its minute) is added to
 * those rows as well, so every grain and resolution always holds every call it covers.
 */

const markNames = {
  hoursUntil: 'hours-until',
  daysUntil: 'days-until',
  weeksUntil: 'weeks-until',
  minutesFrom: 'minutes-from',
} as const satisfies Record<keyof RollupMarks, string>;

const grains = Object.keys(grainDimensions) as Grain[];

/** The marks as the store holds them (all 0 in a store no rollup has run on yet). */
export function readRollupMarks(db: DatabaseSync): RollupMarks {
  const byName = new Map(
    db
      .prepare(readMarksSql)
      .all()
      .map((row) => [String(row.name), Number(row.minute)]),
  );
  return {
    hoursUntil: byName.get(markNames.hoursUntil) ?? 0,
    daysUntil: byName.get(markNames.daysUntil) ?? 0,
    weeksUntil: byName.get(markNames.weeksUntil) ?? 0,
    minutesFrom: byName.get(markNames.minutesFrom) ?? 0,
  };
}

function moveMark(db: DatabaseSync, marks: RollupMarks, name: keyof RollupMarks, to: number): void {
  db.prepare(writeMarkSql).run(to, markNames[name]);
  marks[name] = to;
}

/**
 * Rolls the hours that ended before `nowMinute` into hour rows of every grain, then the days
 * whose hours are all rolled, then the weeks whose days are, and moves the marks. Run inside
 * the caller's transaction, so the rows and the marks move together. Returns the marks after.
 */
export function rollUpUsage(db: DatabaseSync, nowMinute: number): RollupMarks {
  const marks = readRollupMarks(db);
  const roll = (mark: keyof RollupMarks, source: Resolution, target: Resolution, until: number) => {
    if (until <= marks[mark]) return;
    for (const grain of grains) {
      // Every grain's hours come from the minutes of every dimension; coarser from its own.
      const from = { grain: source === 'minute' ? 'all' : grain, resolution: source } as const;
      db.prepare(toRollUpSql(from, { grain, resolution: target })).run(marks[mark], until);
    }
    moveMark(db, marks, mark, until);
  };
  // Each step rolls only what the finer one has finished.
  roll('hoursUntil', 'minute', 'hour', toResolutionStart(nowMinute, 'hour'));
  roll('daysUntil', 'hour', 'day', toResolutionStart(marks.hoursUntil, 'day'));
  roll('weeksUntil', 'day', 'week', toResolutionStart(marks.daysUntil, 'week'));
  return marks;
}

/**
 * Drops minute and hour rows before `cutoff` (a day's start), past the retention: the day and
 * week rows keep counting them. Never before the days rolled up, so no call is lost. Run
 * inside the caller's transaction; returns the minute rows dropped.
 */
export function dropRowsBefore(db: DatabaseSync, cutoff: number): number {
  const marks = readRollupMarks(db);
  const until = Math.min(cutoff, marks.daysUntil);
  if (until <= marks.minutesFrom) return 0;
  const minutes = db.prepare(deleteRowsBeforeSql).run('minute', until);
  db.prepare(deleteRowsBeforeSql).run('hour', until);
  moveMark(db, marks, 'minutesFrom', until);
  return Number(minutes.changes);
}

/** One cell of a flush: its minute, its dimensions (`dimensionColumns`' order), its counts. */
export interface UsageCell {
  minute: number;
  dimensions: readonly (string | number)[];
  counts: readonly number[];
}

/**
 * Writes a flush's cells: each to its minute row of every dimension, and to the minute of the
 * `time` grain; to the hour, day and week rows of every grain already rolled up past it;
 * before `minutesFrom`, to the day and week rows only. Rows other than the cells' own are
 * added up in memory first, so each is written once. Returns the cells written.
 */
export function createCellWriter(
  db: DatabaseSync,
): (marks: RollupMarks, cells: Iterable<UsageCell>) => number {
  const upsert = db.prepare(upsertAggregateSql);
  const kept = Object.fromEntries(
    grains.map((grain) => [
      grain,
      dimensionColumns.map((name) => (grainDimensions[grain] as readonly string[]).includes(name)),
    ]),
  ) as Record<Grain, boolean[]>;
  return (marks, cells) => {
    let written = 0;
    const others = new Map<string, { key: (string | number)[]; counts: number[] }>();
    const add = (grain: Grain, resolution: Resolution, cell: UsageCell): void => {
      const dimensions = cell.dimensions.map((value, index) =>
        kept[grain][index] === true ? value : '',
      );
      const key = [grain, resolution, toResolutionStart(cell.minute, resolution), ...dimensions];
      const id = key.join('\u0000');
      const row = others.get(id);
      if (row === undefined) others.set(id, { key, counts: [...cell.counts] });
      else
        cell.counts.forEach(
          (count, index) => (row.counts[index] = (row.counts[index] ?? 0) + count),
        );
    };
    for (const cell of cells) {
      const late: Resolution[] = [];
      if (cell.minute >= marks.minutesFrom) {
        upsert.run('all', 'minute', cell.minute, ...cell.dimensions, ...cell.counts);
        written += 1;
        add('time', 'minute', cell);
        if (cell.minute < marks.hoursUntil) late.push('hour');
      }
      if (cell.minute < marks.daysUntil || cell.minute < marks.minutesFrom) late.push('day');
      if (cell.minute < marks.weeksUntil) late.push('week');
      for (const resolution of late) for (const grain of grains) add(grain, resolution, cell);
    }
    for (const row of others.values()) upsert.run(...row.key, ...row.counts);
    return written;
  };
}
