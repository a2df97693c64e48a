import { grainDimensions, toResolutionStart, type Grain, type Resolution } from './usage-plan.ts';
import type { RollupMarks } from './usage-plan.ts';
import { grains } from './usage-rollups.ts';
import { dimensionColumns, summedColumns } from './usage-sql.ts';

/**
 * Visits one cell of a flush: its minute, its dimensions (`dimensionColumns`' order) and its
 * counts, the `summedColumns.length` values of `counts` from `offset`.
 */
export type CellVisitor = (
  minute: number,
  dimensions: readonly (string | number)[],
  counts: Float64Array,
  offset: number,
) => void;

/**
 * Takes one aggregate row's values, `upsertAggregateSql`'s parameters in order. The array is
 * reused for the next row: a sink that keeps it copies it.
 */
export type RowSink = (values: readonly (string | number)[]) => void;

/** Writes one flush's cells; `finish` writes what it added up, and says how many cells. */
export interface CellWriter {
  write: CellVisitor;
  finish(): number;
}

const countWidth = summedColumns.length;
const keyWidth = 3 + dimensionColumns.length;
const statusIndex = dimensionColumns.indexOf('status_class');
const kept = Object.fromEntries(
  grains.map((grain) => [
    grain,
    dimensionColumns.map((name) => (grainDimensions[grain] as readonly string[]).includes(name)),
  ]),
) as Record<Grain, boolean[]>;

/**
 * Turns a flush's cells into the rows they add to, given to `sink`: each to its minute row of
 * every dimension at once, and, added up in memory and given at `finish`, to the minute of the
 * `time` grain (per status class) and to the hour, day and week rows of every grain already
 * rolled up past it (`marks`, read in the flush's transaction) — before `minutesFrom`, to the
 * day and week rows only. Every row is given once. The common path allocates nothing per cell
 * but what the sink does: one array of values is filled in place for every row.
 */
export function createCellWriter(sink: RowSink, marks: RollupMarks): CellWriter {
  const values: (string | number)[] = new Array<string | number>(keyWidth + countWidth).fill(0);
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
    const projected = dimensions.map((value, index) => (kept[grain][index] === true ? value : ''));
    const key = [grain, resolution, toResolutionStart(minute, resolution), ...projected];
    const id = key.join('\u0000');
    const row = late.get(id) ?? { key, counts: new Array<number>(countWidth).fill(0) };
    for (let index = 0; index < countWidth; index += 1) {
      row.counts[index] = (row.counts[index] ?? 0) + (counts[offset + index] ?? 0);
    }
    late.set(id, row);
  };
  const write: CellVisitor = (minute, dimensions, counts, offset) => {
    if (minute >= marks.minutesFrom) {
      values[0] = 'all';
      values[1] = 'minute';
      values[2] = minute;
      for (let index = 0; index < dimensions.length; index += 1) {
        values[3 + index] = dimensions[index] ?? '';
      }
      for (let index = 0; index < countWidth; index += 1) {
        values[keyWidth + index] = counts[offset + index] ?? 0;
      }
      sink(values);
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
      // `weeksUntil <= daysUntil <= hoursUntil`: a minute past the hours is past them all.
      if (minute >= marks.hoursUntil) return;
      for (const grain of grains) addLate(grain, 'hour', minute, dimensions, counts, offset);
    }
    for (const resolution of ['day', 'week'] as const) {
      const rolled = resolution === 'day' ? marks.daysUntil : marks.weeksUntil;
      // Past the retention a minute's calls go to its day whether rolled up or not.
      if (minute >= rolled && (resolution === 'week' || minute >= marks.minutesFrom)) continue;
      for (const grain of grains) addLate(grain, resolution, minute, dimensions, counts, offset);
    }
  };
  return {
    write,
    finish() {
      for (const [minute, time] of times) {
        for (let statusClass = 1; statusClass <= 5; statusClass += 1) {
          const base = (statusClass - 1) * countWidth;
          if ((time[base] ?? 0) === 0) continue;
          const counts = Array.from(time.subarray(base, base + countWidth));
          sink(['time', 'minute', minute, '', '', '', '', '', statusClass, ...counts]);
        }
      }
      for (const row of late.values()) sink([...row.key, ...row.counts]);
      return written;
    },
  };
}
