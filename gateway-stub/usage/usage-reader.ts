import type { UsageStore } from '../store/gateway-store.ts';
import { bucketMinutes, type UsageSelection } from './usage-query.ts';
import {
  chooseGrain,
  planSegments,
  resolutionMinutes,
  type Resolution,
  type Segment,
} from '../store/usage-plan.ts';
import { toRollupMarks } from '../store/usage-rollups.ts';
import {
  toBreakdownStatement,
  toBusiestMinuteStatement,
  toLastCallStatement,
  toSeriesStatement,
  toTotalsStatement,
  toVersionCallersStatement,
  dimensionColumns,
  readMarksSql,
  type DimensionColumn,
  type Statement,
  type UsageFilters,
} from '../store/usage-sql.ts';
import { toExportStatement } from '../store/usage-export-sql.ts';
import { toExportRows, type ExportRow } from './usage-export.ts';
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
  totals(selection: UsageSelection): Promise<UsageFigures>;
  /** Every bucket of the period, those without calls at zero. */
  series(selection: UsageSelection): Promise<SeriesPoint[]>;
  /** The first `selection.limit` entries of a breakdown, by requests. */
  breakdown(selection: UsageSelection, name: BreakdownName): Promise<BreakdownEntry[]>;
  /**
   * The consumers that called each of `versions` in the period, the first `selection.limit`
   * by requests, keyed `<api> <version>`.
   */
  deprecatedCallers(
    selection: UsageSelection,
    versions: readonly DeprecatedVersion[],
  ): Promise<Map<string, VersionCaller[]>>;
  /** The minute of the period with the most calls, or null without calls. */
  busiestMinute(selection: UsageSelection): Promise<{ time: string; requests: number } | null>;
  /** The export's lines, or undefined when there are more than `maxRows`. */
  exportRows(selection: UsageSelection, maxRows: number): Promise<ExportRow[] | undefined>;
}

/**
 * Creates a reader over the gateway's store, on either engine (`store.query`: SQLite answers
 * at once, PostgreSQL in a promise). Each query reads the rollups' marks, then the rows they
 * say cover its period: on PostgreSQL a rollup may run between the two, which only adds
 * coarser rows the query does not read (the minutes stay); only the hourly retention, dropping
 * a whole day's minutes, could take rows it planned to read, for that one query.
 */
export function createUsageReader(store: Pick<UsageStore, 'query'>): UsageReader {
  const all = async (statement: Statement): Promise<SqlRow[]> =>
    store.query(statement.sql, statement.params);
  /**
   * The segments of the selection's period, nothing coarser than `coarsest`, in the smallest
   * grain that keeps the filters and the dimensions `grouped`.
   */
  const segmentsOf = async (
    selection: UsageSelection,
    coarsest: Resolution,
    filters: UsageFilters,
    grouped: readonly DimensionColumn[] = [],
  ): Promise<Segment[]> =>
    planSegments(
      selection.fromMinute,
      selection.toMinute,
      chooseGrain([...grouped, ...filters.map(([column]) => column)]),
      coarsest,
      toRollupMarks(await store.query(readMarksSql, [])),
    );
  return {
    async totals(selection) {
      const filters = toFilters(selection);
      const segments = await segmentsOf(selection, 'week', filters);
      return toFigures((await all(toTotalsStatement(segments, filters)))[0]);
    },
    async series(selection) {
      const step = bucketMinutes[selection.bucket];
      const filters = toFilters(selection);
      const segments = await segmentsOf(selection, selection.bucket, filters);
      const rows = await all(toSeriesStatement(segments, filters, step));
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
      const filters = toFilters(selection);
      const segments = await segmentsOf(selection, 'week', filters, columns);
      const rows = await all(toBreakdownStatement(segments, filters, columns, selection.limit));
      return rows.map((row) => toEntry(row, columns));
    },
    async deprecatedCallers(selection, versions) {
      const callers = new Map<string, VersionCaller[]>();
      if (versions.length === 0) return callers;
      const filters = toFilters({ ...selection, api: undefined, version: undefined });
      const grouped: DimensionColumn[] = ['api', 'version', 'consumer_id'];
      // The coarse rows know when a caller's last row starts; the minute rows of the week from
      // there (a week at most: the widest row) know the minute.
      const segments = await segmentsOf(selection, 'week', filters, grouped);
      const rows = await all(toVersionCallersStatement(segments, filters, versions));
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
      // Each caller's last call is a seek of its own: sent together, PostgreSQL answers them
      // on the pool's connections at once instead of one round trip after the other.
      const exacts = await Promise.all(
        tops.map(async (row) => {
          const coarse = Number(row.last_minute);
          const [exact] = await all(
            toLastCallStatement(
              {
                api: toText(row.api),
                version: toText(row.version),
                consumerId: toText(row.consumer_id),
                from: coarse,
                to: Math.min(coarse + resolutionMinutes.week, selection.toMinute),
              },
              filters,
            ),
          );
          // Past the retention only day rows remain: the day it started is all that is known.
          return typeof exact?.last_minute === 'number' ? exact.last_minute : coarse;
        }),
      );
      tops.forEach((row, index) => {
        const key = toVersionKey({ api: toText(row.api), version: toText(row.version) });
        const list = callers.get(key) ?? [];
        list.push({
          consumerId: toText(row.consumer_id),
          requests: Number(row.requests),
          lastCall: toInstant(exacts[index] ?? Number(row.last_minute)),
        });
        callers.set(key, list);
      });
      return callers;
    },
    async busiestMinute(selection) {
      const filters = toFilters(selection);
      const segments = (await segmentsOf(selection, 'minute', filters)).filter(
        (segment) => segment.resolution === 'minute',
      );
      const [row] = await all(toBusiestMinuteStatement(segments, filters));
      return row === undefined
        ? null
        : { time: toInstant(row.minute), requests: Number(row.requests) };
    },
    async exportRows(selection, maxRows) {
      const step = bucketMinutes[selection.bucket];
      const filters = toFilters(selection);
      const segments = await segmentsOf(selection, selection.bucket, filters, dimensionColumns);
      const rows = await all(toExportStatement(segments, filters, step, maxRows + 1));
      return rows.length > maxRows ? undefined : toExportRows(rows);
    },
  };
}
