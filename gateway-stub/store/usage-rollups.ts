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
  summedColumns,
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

/** Writes one flush's cells; `finish` writes what it added up, and says how many cells. */
export interface CellWriter {
  /**
   * One cell: its minute, its dimensions (`dimensionColumns`' order) and its counts, the
   * `summedColumns.length` values of `counts` from `offset`.
   */
  write(
    minute: number,
    dimensions: readonly (string | number)[],
    counts: Float64Array,
    offset: number,
  ): void;
  finish(): number;
}

const countWidth = summedColumns.length;

/**
 * Writes a flush's cells: each to its minute row of every dimension at once, and, added up in
 * memory and written at `finish`, to the minute of the `time` grain (per status class) and to
 * the hour, day and week rows of every grain already rolled up past it — before `minutesFrom`,
 * to the day and week rows only. The common path allocates nothing per cell but what binding
 * the values takes: one array of arguments is filled in place for every row.
 */
export function createCellWriter(db: DatabaseSync): (marks: RollupMarks) => CellWriter {
  const upsert = db.prepare(upsertAggregateSql);
  const kept = Object.fromEntries(
    grains.map((grain) => [
      grain,
      dimensionColumns.map((name) => (grainDimensions[grain] as readonly string[]).includes(name)),
    ]),
  ) as Record<Grain, boolean[]>;
  const keyWidth = 3 + dimensionColumns.length;
  const args: (string | number)[] = new Array<string | number>(keyWidth + countWidth).fill(0);
  const statusIndex = dimensionColumns.indexOf('status_class');
  return (marks) => {
    let written = 0;
    // The `time` grain's minutes: minute → counts of each status class in turn.
    const times = new Map<number, Float64Array>();
    const late = new Map<string, { key: (string | number)[]; counts: number[] }>();
    const addLate = (
      grain: Grain,
      resolution: Resolution,
      minute: number,
      dimensions: readonly (string | number)[],
      counts: Float64Array,
      offset: number,
    ): void => {
      const projected = dimensions.map((value, index) =>
        kept[grain][index] === true ? value : '',
      );
      const key = [grain, resolution, toResolutionStart(minute, resolution), ...projected];
      const id = key.join('\u0000');
      const row = late.get(id) ?? { key, counts: new Array<number>(countWidth).fill(0) };
      for (let index = 0; index < countWidth; index += 1) {
        row.counts[index] = (row.counts[index] ?? 0) + (counts[offset + index] ?? 0);
      }
      late.set(id, row);
    };
    return {
      write(minute, dimensions, counts, offset) {
        if (minute >= marks.minutesFrom) {
          args[0] = 'all';
          args[1] = 'minute';
          args[2] = minute;
          for (let index = 0; index < dimensions.length; index += 1) {
            args[3 + index] = dimensions[index] ?? '';
          }
          for (let index = 0; index < countWidth; index += 1) {
            args[keyWidth + index] = counts[offset + index] ?? 0;
          }
          upsert.run(...args);
          written += 1;
          const statusClass = Number(dimensions[statusIndex]);
          let time = times.get(minute);
          if (time === undefined) {
            time = new Float64Array(5 * countWidth);
            times.set(minute, time);
          }
          const base = (statusClass - 1) * countWidth;
          for (let index = 0; index < countWidth; index += 1) {
            time[base + index] = (time[base + index] ?? 0) + (counts[offset + index] ?? 0);
          }
          if (minute >= marks.hoursUntil) return;
          for (const grain of grains) addLate(grain, 'hour', minute, dimensions, counts, offset);
        }
        for (const resolution of ['day', 'week'] as const) {
          const rolled = resolution === 'day' ? marks.daysUntil : marks.weeksUntil;
          if (minute >= rolled && (resolution === 'week' || minute >= marks.minutesFrom)) continue;
          for (const grain of grains)
            addLate(grain, resolution, minute, dimensions, counts, offset);
        }
      },
      finish() {
        for (const [minute, time] of times) {
          for (let statusClass = 1; statusClass <= 5; statusClass += 1) {
            const base = (statusClass - 1) * countWidth;
            if ((time[base] ?? 0) === 0) continue;
            const values = Array.from(time.subarray(base, base + countWidth));
            upsert.run('time', 'minute', minute, '', '', '', '', '', statusClass, ...values);
          }
        }
        for (const row of late.values()) upsert.run(...row.key, ...row.counts);
        return written;
      },
    };
  };
}
