import type { DatabaseSync } from 'node:sqlite';
import { bucketMinutes, type UsageSelection } from './usage-query.ts';
import {
  chooseGrain,
  planSegments,
  resolutionMinutes,
  type Resolution,
  type Segment,
} from '../store/usage-plan.ts';
import { readRollupMarks } from '../store/usage-rollups.ts';
import {
  toBreakdownStatement,
  toBusiestMinuteStatement,
  toExportStatement,
  toLastCallStatement,
  toSeriesStatement,
  toTotalsStatement,
  toVersionCallersStatement,
  dimensionColumns,
  type DimensionColumn,
  type Statement,
  type UsageFilters,
} from '../store/usage-sql.ts';
import {
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
} as const satisfies Record<string, readonly DimensionColumn[]>;
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
 * The filters of a selection. Only fixed column names go into the SQL; every value the caller
 * sent is a bound parameter, so no filter can change the query.
 */
function toFilters(selection: UsageSelection): [DimensionColumn, string][] {
  const filters: [DimensionColumn, string | undefined][] = [
    ['api', selection.api],
    ['version', selection.version],
    ['operation', selection.operation],
    ['consumer_id', selection.consumer],
    ['plan', selection.plan],
  ];
  return filters.filter((filter): filter is [DimensionColumn, string] => filter[1] !== undefined);
}

function toEntry(row: SqlRow, columns: readonly string[]): BreakdownEntry {
  const keys: Record<string, string> = {};
  for (const column of columns) {
    keys[labelOf[column] ?? column] =
      column === 'status_class' ? toStatusClassLabel(row[column]) : toText(row[column]);
  }
  return { ...keys, ...toFigures(row) } as BreakdownEntry;
}

/** One consumer still calling a version. */
export interface VersionCaller {
  consumerId: string;
  requests: number;
  lastCall: string;
}

/** The key of a version in `deprecatedCallers`' answer. */
export function toVersionKey(version: { api: string; version: string }): string {
  return `${version.api} ${version.version}`;
}

/** Reads the usage aggregates for the reports. */
export interface UsageReader {
  totals(selection: UsageSelection): UsageFigures;
  /** Every bucket of the period, those without calls at zero. */
  series(selection: UsageSelection): SeriesPoint[];
  /** The first `selection.limit` entries of a breakdown, by requests. */
  breakdown(selection: UsageSelection, name: BreakdownName): BreakdownEntry[];
  /**
   * The consumers that called each of `versions` in the period, the first `selection.limit`
   * by requests, keyed `<api> <version>`.
   */
  deprecatedCallers(
    selection: UsageSelection,
    versions: readonly DeprecatedVersion[],
  ): Map<string, VersionCaller[]>;
  /** The minute of the period with the most calls, or null without calls. */
  busiestMinute(selection: UsageSelection): { time: string; requests: number } | null;
  /** The export's lines, or undefined when there are more than `maxRows`. */
  exportRows(selection: UsageSelection, maxRows: number): ExportRow[] | undefined;
}

/** Creates a reader over the gateway's store. */
export function createUsageReader(db: DatabaseSync): UsageReader {
  const all = (statement: Statement): SqlRow[] =>
    db.prepare(statement.sql).all(...statement.params);
  /**
   * The segments of the selection's period, nothing coarser than `coarsest`, in the smallest
   * grain that keeps the filters and the dimensions `grouped`.
   */
  const segmentsOf = (
    selection: UsageSelection,
    coarsest: Resolution,
    filters: UsageFilters,
    grouped: readonly DimensionColumn[] = [],
  ): Segment[] =>
    planSegments(
      selection.fromMinute,
      selection.toMinute,
      chooseGrain([...grouped, ...filters.map(([column]) => column)]),
      coarsest,
      readRollupMarks(db),
    );
  return {
    totals(selection) {
      const filters = toFilters(selection);
      const segments = segmentsOf(selection, 'week', filters);
      return toFigures(all(toTotalsStatement(segments, filters))[0]);
    },
    series(selection) {
      const step = bucketMinutes[selection.bucket];
      const filters = toFilters(selection);
      const segments = segmentsOf(selection, selection.bucket, filters);
      const rows = all(toSeriesStatement(segments, filters, step));
      const byBucket = new Map(rows.map((row) => [Number(row.bucket), row]));
      const points: SeriesPoint[] = [];
      const first = selection.fromMinute - (selection.fromMinute % step);
      for (let bucket = first; bucket < selection.toMinute; bucket += step) {
        points.push({ time: toInstant(bucket), ...toFigures(byBucket.get(bucket)) });
      }
      return points;
    },
    breakdown(selection, name) {
      const columns = breakdowns[name];
      const filters = toFilters(selection);
      const segments = segmentsOf(selection, 'week', filters, columns);
      return all(toBreakdownStatement(segments, filters, columns, selection.limit)).map((row) =>
        toEntry(row, columns),
      );
    },
    deprecatedCallers(selection, versions) {
      const callers = new Map<string, VersionCaller[]>();
      if (versions.length === 0) return callers;
      const filters = toFilters({ ...selection, api: undefined, version: undefined });
      const grouped: DimensionColumn[] = ['api', 'version', 'consumer_id'];
      // The coarse rows know when a caller's last row starts; the minute rows of the week from
      // there (a week at most: the widest row) know the minute.
      const segments = segmentsOf(selection, 'week', filters, grouped);
      const rows = all(toVersionCallersStatement(segments, filters, versions));
      const byVersion = new Map<string, SqlRow[]>();
      for (const row of rows) {
        const key = toVersionKey({ api: toText(row.api), version: toText(row.version) });
        const list = byVersion.get(key) ?? [];
        list.push(row);
        byVersion.set(key, list);
      }
      const tops = [...byVersion.values()].flatMap((list) =>
        list
          .sort(
            (a, b) =>
              Number(b.requests) - Number(a.requests) ||
              toText(a.consumer_id).localeCompare(toText(b.consumer_id)),
          )
          .slice(0, selection.limit),
      );
      for (const row of tops) {
        const key = toVersionKey({ api: toText(row.api), version: toText(row.version) });
        const consumerId = toText(row.consumer_id);
        const coarse = Number(row.last_minute);
        const [exact] = all(
          toLastCallStatement(
            {
              api: toText(row.api),
              version: toText(row.version),
              consumerId,
              from: coarse,
              to: Math.min(coarse + resolutionMinutes.week, selection.toMinute),
            },
            filters,
          ),
        );
        // Past the retention only day rows remain: the day it started is all that is known.
        const last = typeof exact?.last_minute === 'number' ? exact.last_minute : coarse;
        const list = callers.get(key) ?? [];
        list.push({ consumerId, requests: Number(row.requests), lastCall: toInstant(last) });
        callers.set(key, list);
      }
      return callers;
    },
    busiestMinute(selection) {
      const filters = toFilters(selection);
      const segments = segmentsOf(selection, 'minute', filters).filter(
        (segment) => segment.resolution === 'minute',
      );
      const [row] = all(toBusiestMinuteStatement(segments, filters));
      return row === undefined
        ? null
        : { time: toInstant(row.minute), requests: Number(row.requests) };
    },
    exportRows(selection, maxRows) {
      const step = bucketMinutes[selection.bucket];
      const filters = toFilters(selection);
      const segments = segmentsOf(selection, selection.bucket, filters, dimensionColumns);
      const rows = all(toExportStatement(segments, filters, step, maxRows + 1));
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
