/**
 * Which rows a usage report reads. Each call is counted in several aggregates (`usage-sql.ts`):
 * per resolution — minute, then hour, day and week rolled up as each is over — and per grain —
 * every dimension (`all`), or fewer: without the consumer (`ops`), without the operation
 * (`consumers`), or none but the status class (`time`). A report reads the smallest grain
 * that holds what it groups and filters by, and covers its period exactly with the coarsest
 * rows that fit: whole weeks from week rows, the days at their edges from day rows, then hours,
 * then minutes. A 90-day report of a busy sandbox reads tens of thousands of rows instead of
 * millions. A series or an export never reads rows coarser than its bucket.
 */

/** A row resolution, and its width in minutes. */
export const resolutionMinutes = { minute: 1, hour: 60, day: 1440, week: 10_080 } as const;
/** A row resolution. */
export type Resolution = keyof typeof resolutionMinutes;

/**
 * Weeks start on Monday 00:00 UTC: epoch minute 0 is a Thursday, three days after a Monday,
 * so a week's first minute is `-4320` modulo a week.
 */
export const weekOffsetMinutes = 4_320;

/** What a grain keeps of a call, beside its resolution and minute. */
export const grainDimensions = {
  all: ['api', 'version', 'operation', 'consumer_id', 'plan', 'status_class'],
  ops: ['api', 'version', 'operation', 'status_class'],
  consumers: ['api', 'version', 'consumer_id', 'plan', 'status_class'],
  time: ['status_class'],
} as const;
/** A grain of the aggregates. */
export type Grain = keyof typeof grainDimensions;
/** Grains from the smallest: a report takes the first that holds its dimensions. */
const grainOrder: readonly Grain[] = ['time', 'ops', 'consumers', 'all'];
/** The grains kept per minute: the others are read from `all` for their minutes. */
export const minuteGrains: readonly Grain[] = ['all', 'time'];

/** The smallest grain that keeps every one of `dimensions`. */
export function chooseGrain(dimensions: Iterable<string>): Grain {
  const wanted = [...dimensions];
  return (
    grainOrder.find((grain) =>
      wanted.every((name) => (grainDimensions[grain] as readonly string[]).includes(name)),
    ) ?? 'all'
  );
}

/**
 * How far the rollups have come, in epoch minutes (`usage_marks`): hour rows hold every minute
 * before `hoursUntil`, day rows every hour before `daysUntil`, week rows every day before
 * `weeksUntil`, and minute and hour rows before `minutesFrom` are gone (past the retention),
 * leaving the days and weeks. Always `minutesFrom <= daysUntil <= hoursUntil` and
 * `weeksUntil <= daysUntil`, each a whole hour, day or week.
 */
export interface RollupMarks {
  hoursUntil: number;
  daysUntil: number;
  weeksUntil: number;
  minutesFrom: number;
}

/** Rows of one grain and resolution whose `minute` is in [from, to). */
export interface Segment {
  grain: Grain;
  resolution: Resolution;
  from: number;
  to: number;
}

const floorTo = (minute: number, width: number, offset = 0): number =>
  Math.floor((minute + offset) / width) * width - offset;
const ceilTo = (minute: number, width: number, offset = 0): number =>
  Math.ceil((minute + offset) / width) * width - offset;

/** The first minute of the week, day or hour holding `minute`. */
export function toResolutionStart(minute: number, resolution: Resolution): number {
  return resolution === 'week'
    ? floorTo(minute, resolutionMinutes.week, weekOffsetMinutes)
    : floorTo(minute, resolutionMinutes[resolution]);
}

/**
 * The segments of `grain` that cover [from, to) exactly, reading nothing finer than needed
 * and nothing coarser than `coarsest` (a series' bucket; `week` for totals and breakdowns).
 * Before `minutesFrom` only day and week rows remain: the days are counted whole when they
 * start in the period, as the reports always have past the retention.
 */
export function planSegments(
  from: number,
  to: number,
  grain: Grain,
  coarsest: Resolution,
  marks: RollupMarks,
): Segment[] {
  const segments: Segment[] = [];
  const add = (resolution: Resolution, start: number, end: number): void => {
    if (start >= end) return;
    const source = resolution === 'minute' && !minuteGrains.includes(grain) ? 'all' : grain;
    segments.push({ grain: source, resolution, from: start, to: end });
  };
  if (from < marks.minutesFrom) add('day', from, Math.min(to, marks.minutesFrom));
  const start = Math.max(from, marks.minutesFrom);
  if (start >= to) return segments;
  const hourFrom = ceilTo(start, 60);
  const hourTo = Math.min(floorTo(to, 60), marks.hoursUntil);
  if (coarsest === 'minute' || hourFrom >= hourTo) {
    add('minute', start, to);
    return segments;
  }
  add('minute', start, hourFrom);
  const dayFrom = ceilTo(start, 1440);
  const dayTo = Math.min(floorTo(to, 1440), marks.daysUntil);
  if (coarsest === 'hour' || dayFrom >= dayTo) {
    add('hour', hourFrom, hourTo);
  } else {
    add('hour', hourFrom, dayFrom);
    const weekFrom = ceilTo(dayFrom, resolutionMinutes.week, weekOffsetMinutes);
    const weekTo = Math.min(
      floorTo(dayTo, resolutionMinutes.week, weekOffsetMinutes),
      marks.weeksUntil,
    );
    if (coarsest === 'day' || weekFrom >= weekTo) {
      add('day', dayFrom, dayTo);
    } else {
      add('day', dayFrom, weekFrom);
      add('week', weekFrom, weekTo);
      add('day', weekTo, dayTo);
    }
    add('hour', dayTo, hourTo);
  }
  add('minute', hourTo, to);
  return segments;
}
