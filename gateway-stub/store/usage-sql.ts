import { latencyBucketCount } from '../observe/latency-buckets.ts';
import {
  grainDimensions,
  resolutionMinutes,
  weekOffsetMinutes,
  type Grain,
  type Resolution,
  type Segment,
} from './usage-plan.ts';

/**
 * Every SQL statement the usage aggregates, their rollups and the usage reports run, here
 * (the export's beside it, `usage-export-sql.ts`) and in standard SQL both engines of the store run (`INSERT … ON CONFLICT … DO UPDATE`
 * with `excluded`, `UNION ALL`, `CASE`, integer division, `LIMIT`): SQLite as written,
 * PostgreSQL with its `?` placeholders numbered (`postgres/postgres-queries.ts`). Column names
 * are fixed here; every value a caller gives is a bound parameter. PostgreSQL's flush writes
 * its rows its own way (`postgres/postgres-usage-rows.ts`), with the same conflict clauses.
 */

/** The latency histogram's columns, `l0` to `l13` (`observe/latency-buckets.ts`). */
export const bucketColumns = Array.from(
  { length: latencyBucketCount },
  (_, index) => `l${String(index)}`,
);
/** The counts of a row, added up by the upserts, the rollups and the reports. */
export const summedColumns = ['requests', 'quota_refusals', 'latency_sum_ms', ...bucketColumns];
/** What a row counts calls by, beside its resolution and minute. */
export const dimensionColumns = [
  'api',
  'version',
  'operation',
  'consumer_id',
  'plan',
  'status_class',
] as const;
/** A dimension column. */
export type DimensionColumn = (typeof dimensionColumns)[number];

/** The key of an aggregate row: its grain, resolution, minute and dimensions. */
export const aggregateKeyColumns = ['grain', 'resolution', 'minute', ...dimensionColumns];
/** Every column of an aggregate row, key first: the values `upsertAggregateSql` takes. */
export const aggregateColumns = [...aggregateKeyColumns, ...summedColumns];

/**
 * What an upsert adds to a row already there: every count. The row there is named by its
 * table, which both engines read (PostgreSQL finds a bare name ambiguous with `excluded`'s).
 */
export const addAggregateCountsSql = `ON CONFLICT (${aggregateKeyColumns.join(', ')})
  DO UPDATE SET ${summedColumns.map((name) => `${name} = usage_aggregates.${name} + excluded.${name}`).join(', ')}`;

/** Adds one row's counts (`aggregateColumns`' order) to the row of its key, or inserts it. */
export const upsertAggregateSql = `INSERT INTO usage_aggregates (${aggregateColumns.join(', ')})
  VALUES (${aggregateColumns.map(() => '?').join(', ')})
  ${addAggregateCountsSql}`;

/** The columns of the daily `usage` table the breaking-change report reads, key first. */
export const dailyUsageColumns = ['day', 'consumer_id', 'api', 'version', 'operation', 'requests'];

/** What an upsert of the daily table adds to a row already there. */
export const addDailyRequestsSql =
  'ON CONFLICT (day, consumer_id, api, version, operation) DO UPDATE SET requests = usage.requests + excluded.requests';

/** Adds calls to the daily table (`read-usage.ts`), one row of `dailyUsageColumns`. */
export const upsertDailyUsageSql = `INSERT INTO usage (${dailyUsageColumns.join(', ')})
  VALUES (${dailyUsageColumns.map(() => '?').join(', ')})
  ${addDailyRequestsSql}`;

/** The first minute of the hour, day or week holding `minute`, as SQL (integer division). */
function toStartSql(resolution: Resolution): string {
  const width = String(resolutionMinutes[resolution]);
  if (resolution !== 'week') return `(minute / ${width}) * ${width}`;
  const offset = String(weekOffsetMinutes);
  return `((minute + ${offset}) / ${width}) * ${width} - ${offset}`;
}

/** A grain's value of each dimension column: the column, or '' for one it does not keep. */
function toProjection(grain: Grain): string[] {
  const kept: readonly string[] = grainDimensions[grain];
  return dimensionColumns.map((name) => (kept.includes(name) ? name : "''"));
}

/**
 * Rolls the `source` rows (a grain and a resolution) with `minute` in [?, ?) up into rows of
 * `target`: a coarser resolution, the same grain or a smaller one. Added to any row already
 * there (calls written late add themselves to every resolution: `usage-rollups.ts`).
 */
export function toRollUpSql(
  source: { grain: Grain; resolution: Resolution },
  target: { grain: Grain; resolution: Resolution },
): string {
  const start = toStartSql(target.resolution);
  const kept = grainDimensions[target.grain].join(', ');
  return `INSERT INTO usage_aggregates (${aggregateColumns.join(', ')})
  SELECT '${target.grain}', '${target.resolution}', ${start}, ${toProjection(target.grain).join(', ')},
    ${summedColumns.map((name) => `SUM(${name})`).join(', ')}
  FROM usage_aggregates
  WHERE grain = '${source.grain}' AND resolution = '${source.resolution}' AND minute >= ? AND minute < ?
  GROUP BY ${start}, ${kept}
  ${addAggregateCountsSql}`;
}

/** Drops the rows of one resolution, of every grain, before a minute (`resolution`, `minute`). */
export const deleteRowsBeforeSql =
  'DELETE FROM usage_aggregates WHERE resolution = ? AND minute < ?';

/** The rollups' marks (`usage-plan.ts`'s `RollupMarks`), one row each. */
export const readMarksSql = 'SELECT name, minute FROM usage_marks';
/** Moves one mark (`minute`, `name` bound). */
export const writeMarkSql = 'UPDATE usage_marks SET minute = ? WHERE name = ?';

/** The figures every report row carries, read back by `usage/usage-figures.ts`. */
export const figureColumns = [
  'SUM(requests) AS requests',
  'SUM(CASE WHEN status_class = 4 THEN requests ELSE 0 END) AS client_errors',
  'SUM(CASE WHEN status_class = 5 THEN requests ELSE 0 END) AS server_errors',
  'SUM(quota_refusals) AS quota_refusals',
  'SUM(latency_sum_ms) AS latency_sum_ms',
  ...bucketColumns.map((name) => `SUM(${name}) AS ${name}`),
].join(', ');

/** Filters of a report: a dimension equal to a value. */
export type UsageFilters = readonly (readonly [DimensionColumn, string])[];

/** A statement's text and its bound values. */
export interface Statement {
  sql: string;
  params: (string | number)[];
}

/**
 * The conditions of one segment's rows, with the filters and, with `versions`, only the calls
 * of one of them: `grain`, `resolution` and `minute` first, which the primary key and the
 * API's and consumer's indexes serve.
 */
export function toSegmentWhere(
  segment: Segment,
  filters: UsageFilters,
  versions: readonly VersionPair[] = [],
): Statement {
  const params: (string | number)[] = [segment.grain, segment.resolution, segment.from, segment.to];
  for (const [, value] of filters) params.push(value);
  for (const { api, version } of versions) params.push(api, version);
  const conditions = [
    'grain = ?',
    'resolution = ?',
    'minute >= ?',
    'minute < ?',
    ...filters.map(([column]) => `${column} = ?`),
    ...(versions.length === 0
      ? []
      : [`(${versions.map(() => '(api = ? AND version = ?)').join(' OR ')})`]),
  ];
  return { sql: conditions.join(' AND '), params };
}

/**
 * The rows a report reads, as a derived table `selected_rows`: one `SELECT` per segment (each served
 * by the primary key or the API's or consumer's index, `minute` ranging within its grain and
 * resolution), joined by `UNION ALL` — segments never overlap, so nothing counts twice; with
 * `versions`, only the calls of one of them. Each `SELECT` takes `columns` (by default the
 * minute, the dimensions and every count).
 */
export function toSource(
  segments: readonly Segment[],
  filters: UsageFilters,
  versions: readonly VersionPair[] = [],
  columns = ['minute', ...dimensionColumns, ...summedColumns].join(', '),
): Statement {
  const params: (string | number)[] = [];
  const parts = segments.map((segment) => {
    const where = toSegmentWhere(segment, filters, versions);
    params.push(...where.params);
    return `SELECT ${columns} FROM usage_aggregates WHERE ${where.sql}`;
  });
  // No segment (an empty period) reads no row.
  if (parts.length === 0) parts.push(`SELECT ${columns} FROM usage_aggregates WHERE 1 = 0`);
  return { sql: `(${parts.join(' UNION ALL ')}) AS selected_rows`, params };
}

/** The figures of every call of the segments. */
export function toTotalsStatement(segments: readonly Segment[], filters: UsageFilters): Statement {
  const source = toSource(segments, filters);
  return { sql: `SELECT ${figureColumns} FROM ${source.sql}`, params: source.params };
}

/** The figures per bucket of `step` minutes (`bucket`, its first minute), buckets with calls only. */
export function toSeriesStatement(
  segments: readonly Segment[],
  filters: UsageFilters,
  step: number,
): Statement {
  const source = toSource(segments, filters);
  const bucket = `(minute / ${String(step)}) * ${String(step)}`;
  return {
    sql: `SELECT ${bucket} AS bucket, ${figureColumns} FROM ${source.sql} GROUP BY ${bucket}`,
    params: source.params,
  };
}

/** The first `limit` groups of `columns`, by requests then by the columns. */
export function toBreakdownStatement(
  segments: readonly Segment[],
  filters: UsageFilters,
  columns: readonly DimensionColumn[],
  limit: number,
): Statement {
  const source = toSource(segments, filters);
  const list = columns.join(', ');
  return {
    sql: `SELECT ${list}, ${figureColumns} FROM ${source.sql}
      GROUP BY ${list} ORDER BY requests DESC, ${list} LIMIT ?`,
    params: [...source.params, limit],
  };
}

/** An API version whose callers a report lists. */
export interface VersionPair {
  api: string;
  version: string;
}

/**
 * The consumers with credentials who called each of `versions`, with their requests and the
 * latest `minute` of their rows (`api`, `version`, `consumer_id`, `requests`, `last_minute`):
 * one scan for every deprecated version of the catalog at once.
 */
export function toVersionCallersStatement(
  segments: readonly Segment[],
  filters: UsageFilters,
  versions: readonly VersionPair[],
): Statement {
  const source = toSource(segments, filters, versions);
  return {
    sql: `SELECT api, version, consumer_id, SUM(requests) AS requests, MAX(minute) AS last_minute
      FROM ${source.sql} WHERE consumer_id <> ''
      GROUP BY api, version, consumer_id`,
    params: source.params,
  };
}

/** Where to look for one consumer's last call of a version: minutes in [from, to). */
export interface LastCallWindow extends VersionPair {
  consumerId: string;
  from: number;
  to: number;
}

/**
 * The last minute a consumer called its version within its window, among the minute rows
 * (`last_minute`, null without any): a call's own minute, where the coarser rows the callers
 * were counted from know only when their row starts. One seek of the consumer's index.
 */
export function toLastCallStatement(window: LastCallWindow, filters: UsageFilters): Statement {
  const conditions = [
    'consumer_id = ?',
    'api = ?',
    "grain = 'all'",
    "resolution = 'minute'",
    'minute >= ?',
    'minute < ?',
    'version = ?',
    ...filters.map(([column]) => `${column} = ?`),
  ];
  return {
    sql: `SELECT MAX(minute) AS last_minute FROM usage_aggregates WHERE ${conditions.join(' AND ')}`,
    params: [
      window.consumerId,
      window.api,
      window.from,
      window.to,
      window.version,
      ...filters.map(([, value]) => value),
    ],
  };
}

/** The minute with the most calls among minute segments: `minute`, `requests`. */
export function toBusiestMinuteStatement(
  segments: readonly Segment[],
  filters: UsageFilters,
): Statement {
  const source = toSource(segments, filters);
  return {
    sql: `SELECT minute, SUM(requests) AS requests FROM ${source.sql}
      GROUP BY minute ORDER BY requests DESC, minute LIMIT 1`,
    params: source.params,
  };
}
