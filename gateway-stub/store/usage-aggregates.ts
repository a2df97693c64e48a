import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import { latencyBucketCount, toLatencyBucket } from '../observe/latency-buckets.ts';
import type { Awaitable } from './awaitable.ts';

/**
 * Usage per minute for the owners' and consumers' reports: requests, quota refusals and a
 * latency histogram per (minute, API, version, operation, consumer, plan, status class).
 * Counting happens in memory on the request path; the totals reach the store in one
 * transaction every few seconds and at shutdown, so a busy sandbox does not write once per
 * request. The same flush fills the daily `usage` table the breaking-change report reads.
 */
export interface UsageAggregates {
  /**
   * Counts one answered call. `minute` is epoch minutes (UTC); `operation` the document's
   * operation the mock server matched ('' for a call refused before it); `consumerId` and
   * `plan` '' for a caller without credentials.
   */
  record(
    minute: number,
    api: string,
    version: string,
    operation: string,
    consumerId: string,
    plan: string,
    status: number,
    latencyMs: number,
    quotaRefused: boolean,
  ): void;
  /**
   * Writes the pending counts now; returns how many aggregate rows it touched, once they are
   * written — and every earlier write still under way on PostgreSQL, so a report that flushes
   * first reads every call counted before it.
   */
  flush(): Awaitable<number>;
  /** Calls not yet written. */
  readonly pending: number;
}

/** Per status class (1xx to 5xx): requests, quota refusals, latency sum, then the buckets. */
const stride = 3 + latencyBucketCount;
const statusClasses = 5;

type Cells = Float64Array;
/** minute → API → version → operation → consumer → plan → counts per status class. */
type Tree = Map<number, Map<string, Map<string, Map<string, Map<string, Map<string, Cells>>>>>>;

function childOf<K, V>(map: Map<K, V>, key: K, create: () => NoInfer<V>): V {
  let child = map.get(key);
  if (child === undefined) {
    child = create();
    map.set(key, child);
  }
  return child;
}

/** One factory for every level, made once: a closure per call would be garbage per request. */
function newMap<K, V>(): Map<K, V> {
  return new Map<K, V>();
}

function newCells(): Cells {
  return new Float64Array(statusClasses * stride);
}

/** The column list of one aggregate row, in the order `toRows` gives values. */
const bucketColumns = Array.from({ length: latencyBucketCount }, (_, index) => `l${String(index)}`);
export const aggregateColumns = [
  'resolution',
  'minute',
  'api',
  'version',
  'operation',
  'consumer_id',
  'plan',
  'status_class',
  'requests',
  'quota_refusals',
  'latency_sum_ms',
  ...bucketColumns,
];
const columns = aggregateColumns;
/** The key of an aggregate row: its first columns. */
export const aggregateKeyColumns = columns.slice(0, 8);
const addedColumns = columns.slice(8);

/**
 * What an upsert adds to a row already there: every count. The row there is named by its
 * table, which both engines read (PostgreSQL finds a bare name ambiguous with `excluded`'s).
 */
export const addAggregateCountsSql = `ON CONFLICT (${aggregateKeyColumns.join(', ')})
  DO UPDATE SET ${addedColumns.map((name) => `${name} = usage_aggregates.${name} + excluded.${name}`).join(', ')}`;

/** The upsert of one row, adding its counts to a row already there. */
export const upsertAggregateSql = `INSERT INTO usage_aggregates (${columns.join(', ')})
  VALUES (${columns.map(() => '?').join(', ')})
  ${addAggregateCountsSql}`;

/** The columns of the daily `usage` table, key first, in the order of its rows. */
export const dailyUsageColumns = ['day', 'consumer_id', 'api', 'version', 'operation', 'requests'];

/** What an upsert of the daily table adds to a row already there. */
export const addDailyRequestsSql =
  'ON CONFLICT (day, consumer_id, api, version, operation) DO UPDATE SET requests = usage.requests + excluded.requests';

/** One row's values, in its table's column order. */
export type UsageRow = (string | number)[];
type Row = UsageRow;

/**
 * Where the counts are written: one transaction adding the aggregate rows (`aggregateColumns`)
 * and the daily rows (`dailyUsageColumns`) to those there, all or nothing.
 */
export interface UsageWriter {
  writeUsage(rows: readonly UsageRow[], daily: readonly UsageRow[]): Awaitable<void>;
}

/** The writer into a SQLite store. */
export function createSqliteUsageWriter(db: DatabaseSync): UsageWriter {
  const upsert = db.prepare(upsertAggregateSql);
  const upsertDaily = db.prepare(
    `INSERT INTO usage (${dailyUsageColumns.join(', ')}) VALUES (?, ?, ?, ?, ?, ?)
     ${addDailyRequestsSql}`,
  );
  return {
    writeUsage(rows, daily) {
      inTransaction(db, () => {
        for (const row of rows) upsert.run(...row);
        for (const row of daily) upsertDaily.run(...row);
      });
    },
  };
}

function forEachCell(
  tree: Tree,
  visit: (
    minute: number,
    api: string,
    version: string,
    operation: string,
    consumer: string,
    plan: string,
    cells: Cells,
  ) => void,
): void {
  for (const [minute, apis] of tree)
    for (const [api, versions] of apis)
      for (const [version, operations] of versions)
        for (const [operation, consumers] of operations)
          for (const [consumer, plans] of consumers)
            for (const [plan, cells] of plans)
              visit(minute, api, version, operation, consumer, plan, cells);
}

function toDay(minute: number): string {
  return new Date(minute * 60_000).toISOString().slice(0, 10);
}

/** Creates the in-memory counts written into `usage_aggregates` (and `usage`) by `writer`. */
export function createUsageAggregates(writer: UsageWriter): UsageAggregates {
  let tree: Tree = new Map();
  let pending = 0;
  // Writes to PostgreSQL under way; SQLite's are done when `writeUsage` returns.
  let writing: Promise<unknown> = Promise.resolve();
  let writes = 0;
  // Calls in those writes: still pending until committed.
  let writingCalls = 0;
  const cellsOf = (
    target: Tree,
    minute: number,
    api: string,
    version: string,
    operation: string,
    consumerId: string,
    plan: string,
  ): Cells => {
    const apis = childOf(target, minute, newMap);
    const versions = childOf(apis, api, newMap);
    const operations = childOf(versions, version, newMap);
    const consumers = childOf(operations, operation, newMap);
    const plans = childOf(consumers, consumerId, newMap);
    return childOf(plans, plan, newCells);
  };

  return {
    record(minute, api, version, operation, consumerId, plan, status, latencyMs, quotaRefused) {
      const cells = cellsOf(tree, minute, api, version, operation, consumerId, plan);
      const statusClass = Math.min(Math.max(Math.floor(status / 100), 1), 5) - 1;
      const base = statusClass * stride;
      cells[base] = (cells[base] ?? 0) + 1;
      if (quotaRefused) cells[base + 1] = (cells[base + 1] ?? 0) + 1;
      cells[base + 2] = (cells[base + 2] ?? 0) + latencyMs;
      const bucket = base + 3 + toLatencyBucket(latencyMs);
      cells[bucket] = (cells[bucket] ?? 0) + 1;
      pending += 1;
    },
    flush() {
      if (pending === 0) return writes === 0 ? 0 : writing.then(() => 0);
      const batch = tree;
      const batchPending = pending;
      tree = new Map();
      pending = 0;
      const rows: Row[] = [];
      const daily = new Map<string, Row>();
      forEachCell(batch, (minute, api, version, operation, consumer, plan, cells) => {
        let forwarded = 0;
        for (let statusClass = 0; statusClass < statusClasses; statusClass += 1) {
          const base = statusClass * stride;
          const requests = cells[base] ?? 0;
          if (requests === 0) continue;
          forwarded += requests;
          const counts = Array.from(cells.subarray(base, base + stride));
          rows.push([
            'minute',
            minute,
            api,
            version,
            operation,
            consumer,
            plan,
            statusClass + 1,
            ...counts,
          ]);
        }
        if (operation === '' || consumer === '') return;
        const day = toDay(minute);
        const key = [day, consumer, api, version, operation].join('\u0000');
        const row = daily.get(key);
        if (row === undefined) daily.set(key, [day, consumer, api, version, operation, forwarded]);
        else row[5] = Number(row[5]) + forwarded;
      });
      // Kept for the next flush rather than lost (the store was busy, or away).
      const keep = (): void => {
        forEachCell(batch, (minute, api, version, operation, consumer, plan, cells) => {
          const kept = cellsOf(tree, minute, api, version, operation, consumer, plan);
          for (let index = 0; index < cells.length; index += 1) {
            kept[index] = (kept[index] ?? 0) + (cells[index] ?? 0);
          }
        });
        pending += batchPending;
      };
      let written: Awaitable<void>;
      try {
        written = writer.writeUsage(rows, [...daily.values()]);
      } catch (error) {
        keep();
        throw error;
      }
      if (!(written instanceof Promise)) return rows.length;
      writes += 1;
      writingCalls += batchPending;
      const own = written.then(
        () => {
          writingCalls -= batchPending;
          return rows.length;
        },
        (error: unknown) => {
          writingCalls -= batchPending;
          keep();
          throw error;
        },
      );
      const earlier = writing;
      writing = Promise.allSettled([earlier, own]).finally(() => {
        writes -= 1;
      });
      return earlier.then(() => own);
    },
    get pending() {
      return pending + writingCalls;
    },
  };
}
