import type { Awaitable } from '../store/awaitable.ts';
import { bucketMinutes, type UsageSelection } from './usage-query.ts';
import {
  figureColumns,
  toFigures,
  toInstant,
  toStatusClassLabel,
  toText,
  type SqlRow,
  type UsageFigures,
} from './usage-figures.ts';

/** A deprecated version the owners' report lists the remaining callers of. */
export interface DeprecatedVersion {
  api: string;
  version: string;
  deprecatedSince: string | undefined;
  sunset: string | undefined;
}

/** One bucket of a series. */
export interface SeriesPoint extends UsageFigures {
  time: string;
}

/** One entry of a breakdown: the dimensions it groups by, then its figures. */
export type BreakdownEntry = Record<string, string> & UsageFigures;

/** The dimensions a report breaks calls down by, and the columns of each. */
const breakdowns = {
  byApi: ['api'],
  byVersion: ['api', 'version'],
  byOperation: ['api', 'version', 'operation'],
  byConsumer: ['consumer_id'],
  byPlan: ['plan'],
  byStatusClass: ['status_class'],
} as const;
type BreakdownName = keyof typeof breakdowns;

const labelOf: Record<string, string> = {
  api: 'api',
  version: 'version',
  operation: 'operation',
  consumer_id: 'consumerId',
  plan: 'plan',
  status_class: 'statusClass',
};

/** The CSV export's columns, in order. */
export const exportColumns = [
  'time',
  'api',
  'version',
  'operation',
  'consumerId',
  'plan',
  'statusClass',
  'requests',
  'quotaRefusals',
  'p50Ms',
  'p95Ms',
  'p99Ms',
] as const;
/** One line of the export. */
export type ExportRow = Record<(typeof exportColumns)[number], string | number | null>;

/**
 * The WHERE clause of a selection. Only fixed column names are written into the SQL; every
 * value the caller sent is a bound parameter, so no filter can change the query.
 */
function toWhere(selection: UsageSelection): { sql: string; params: (string | number)[] } {
  const parts = ['minute >= ?', 'minute < ?'];
  const params: (string | number)[] = [selection.fromMinute, selection.toMinute];
  const filters: [string, string | undefined][] = [
    ['api', selection.api],
    ['version', selection.version],
    ['operation', selection.operation],
    ['consumer_id', selection.consumer],
    ['plan', selection.plan],
  ];
  for (const [column, value] of filters) {
    if (value === undefined) continue;
    parts.push(`${column} = ?`);
    params.push(value);
  }
  return { sql: parts.join(' AND '), params };
}

function toEntry(row: SqlRow, columns: readonly string[]): BreakdownEntry {
  const keys: Record<string, string> = {};
  for (const column of columns) {
    keys[labelOf[column] ?? column] =
      column === 'status_class' ? toStatusClassLabel(row[column]) : toText(row[column]);
  }
  return { ...keys, ...toFigures(row) } as BreakdownEntry;
}

/** Reads the usage aggregates for the reports. */
export interface UsageReader {
  totals(selection: UsageSelection): Promise<UsageFigures>;
  /** Every bucket of the period, those without calls at zero. */
  series(selection: UsageSelection): Promise<SeriesPoint[]>;
  /** The first `selection.limit` entries of a breakdown, by requests. */
  breakdown(selection: UsageSelection, name: BreakdownName): Promise<BreakdownEntry[]>;
  /** The consumers that called a deprecated version in the period, by requests. */
  deprecatedCallers(
    selection: UsageSelection,
    version: DeprecatedVersion,
  ): Promise<{ consumerId: string; requests: number; lastCall: string }[]>;
  /** The minute of the period with the most calls, or null without calls. */
  busiestMinute(selection: UsageSelection): Promise<{ time: string; requests: number } | null>;
  /** The export's lines, or undefined when there are more than `maxRows`. */
  exportRows(selection: UsageSelection, maxRows: number): Promise<ExportRow[] | undefined>;
}

/**
 * Runs one report query on the store: SQL both engines read, `?` placeholders, values bound
 * (SQLite answers at once, PostgreSQL numbers the placeholders).
 */
export type UsageQuery = (sql: string, params: (string | number)[]) => Awaitable<SqlRow[]>;

/** Creates a reader over the gateway's store. */
export function createUsageReader(query: UsageQuery): UsageReader {
  const all = async (sql: string, params: (string | number)[]): Promise<SqlRow[]> =>
    query(sql, params);
  return {
    async totals(selection) {
      const where = toWhere(selection);
      const [row] = await all(
        `SELECT ${figureColumns} FROM usage_aggregates WHERE ${where.sql}`,
        where.params,
      );
      return toFigures(row);
    },
    async series(selection) {
      const where = toWhere(selection);
      const step = bucketMinutes[selection.bucket];
      const rows = await all(
        `SELECT minute - (minute % ${String(step)}) AS bucket, ${figureColumns}
         FROM usage_aggregates WHERE ${where.sql} GROUP BY bucket`,
        where.params,
      );
      const byBucket = new Map(rows.map((row) => [Number(row.bucket), row]));
      const points: SeriesPoint[] = [];
      const first = selection.fromMinute - (selection.fromMinute % step);
      for (let bucket = first; bucket < selection.toMinute; bucket += step) {
        points.push({ time: toInstant(bucket), ...toFigures(byBucket.get(bucket)) });
      }
      return points;
    },
    async breakdown(selection, name) {
      const columns = breakdowns[name];
      const where = toWhere(selection);
      const list = columns.join(', ');
      return (
        await all(
          `SELECT ${list}, ${figureColumns} FROM usage_aggregates WHERE ${where.sql}
         GROUP BY ${list} ORDER BY requests DESC, ${list} LIMIT ?`,
          [...where.params, selection.limit],
        )
      ).map((row) => toEntry(row, columns));
    },
    async deprecatedCallers(selection, version) {
      const where = toWhere(selection);
      return (
        await all(
          `SELECT consumer_id, SUM(requests) AS requests, MAX(minute) AS last_minute
         FROM usage_aggregates WHERE ${where.sql} AND api = ? AND version = ? AND consumer_id <> ''
         GROUP BY consumer_id ORDER BY requests DESC, consumer_id LIMIT ?`,
          [...where.params, version.api, version.version, selection.limit],
        )
      ).map((row) => ({
        consumerId: toText(row.consumer_id),
        requests: Number(row.requests),
        lastCall: toInstant(row.last_minute),
      }));
    },
    async busiestMinute(selection) {
      const where = toWhere(selection);
      const [row] = await all(
        `SELECT minute, SUM(requests) AS requests FROM usage_aggregates
         WHERE ${where.sql} AND resolution = 'minute'
         GROUP BY minute ORDER BY requests DESC, minute LIMIT 1`,
        where.params,
      );
      return row === undefined
        ? null
        : { time: toInstant(row.minute), requests: Number(row.requests) };
    },
    async exportRows(selection, maxRows) {
      const where = toWhere(selection);
      const step = bucketMinutes[selection.bucket];
      const dimensions = 'api, version, operation, consumer_id, plan, status_class';
      const rows = await all(
        `SELECT minute - (minute % ${String(step)}) AS bucket, ${dimensions}, ${figureColumns}
         FROM usage_aggregates WHERE ${where.sql}
         GROUP BY bucket, ${dimensions} ORDER BY bucket, ${dimensions} LIMIT ?`,
        [...where.params, maxRows + 1],
      );
      if (rows.length > maxRows) return undefined;
      return rows.map((row) => {
        const figures = toFigures(row);
        return {
          time: toInstant(row.bucket),
          api: toText(row.api),
          version: toText(row.version),
          operation: toText(row.operation),
          consumerId: toText(row.consumer_id),
          plan: toText(row.plan),
          statusClass: toStatusClassLabel(row.status_class),
          requests: figures.requests,
          quotaRefusals: figures.quotaRefusals,
          p50Ms: figures.latencyMs.p50,
          p95Ms: figures.latencyMs.p95,
          p99Ms: figures.latencyMs.p99,
        };
      });
    },
  };
}
