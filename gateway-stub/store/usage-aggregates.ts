import { latencyBucketCount, toLatencyBucket } from '../observe/latency-buckets.ts';
import type { Awaitable } from './awaitable.ts';
import type { CellVisitor } from './usage-cells.ts';

/**
 * Usage per minute for the owners' and consumers' reports: requests, quota refusals and a
 * latency histogram per (minute, API, version, operation, consumer, plan, status class).
 * Counting happens in memory on the request path; the totals reach the store in one
 * transaction every few seconds and at shutdown, so a busy sandbox does not write once per
 * request. The same flush fills the daily `usage` table the breaking-change report reads, and
 * rolls the hours and days that are over into the rows long reports read (`usage-rollups.ts`).
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
   * Writes the pending counts now, then rolls up the hours, days and weeks over by `nowMs`
   * (default now); returns how many cells (a minute, dimensions, status class) it wrote, once
   * they are written — and every earlier write still under way on PostgreSQL, so a report
   * that flushes first reads every call counted before it.
   */
  flush(nowMs?: number): Awaitable<number>;
  /** Calls not yet written. */
  readonly pending: number;
}

/** One row's values, in its table's column order. */
export type UsageRow = (string | number)[];

/** One flush's counts, as the store writes them. */
export interface UsageBatch {
  /** Visits every cell with calls, each status class of a call's dimensions its own cell. */
  forEachCell(visit: CellVisitor): void;
  /** The rows added to the daily `usage` table (`dailyUsageColumns`). */
  readonly daily: readonly UsageRow[];
}

/**
 * Where the counts are written: one transaction adding the batch to the aggregates (and to
 * the rollups already past its minutes) and to the daily table, then rolling up what is over
 * by `nowMinute` — all or nothing. Settles with the cells written.
 */
export interface UsageWriter {
  writeUsage(batch: UsageBatch, nowMinute: number): Awaitable<number>;
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

function forEachEntry(
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

/** The calls of a tree with an operation and a consumer, per day, as the daily table counts. */
function toDailyRows(tree: Tree): UsageRow[] {
  // day → API → version → operation → consumer → row: the tree's own keys, no text built per cell.
  const days = new Map<string, Map<string, Map<string, Map<string, Map<string, UsageRow>>>>>();
  const rows: UsageRow[] = [];
  let dayMinute = -1;
  let day = '';
  let ofDay = new Map<string, Map<string, Map<string, Map<string, UsageRow>>>>();
  forEachEntry(tree, (minute, api, version, operation, consumer, _plan, cells) => {
    if (operation === '' || consumer === '') return;
    let requests = 0;
    for (let index = 0; index < cells.length; index += stride) requests += cells[index] ?? 0;
    if (requests === 0) return;
    // Most cells of a flush share their minute: one date string for them all.
    if (minute !== dayMinute) {
      dayMinute = minute;
      day = toDay(minute);
      ofDay = childOf(days, day, newMap);
    }
    const consumers = childOf(
      childOf(childOf(ofDay, api, newMap), version, newMap),
      operation,
      newMap,
    );
    const row = consumers.get(consumer);
    if (row === undefined) {
      const added: UsageRow = [day, consumer, api, version, operation, requests];
      consumers.set(consumer, added);
      rows.push(added);
    } else {
      row[5] = Number(row[5]) + requests;
    }
  });
  return rows;
}

/** A tree as the store writes it. */
function toBatch(tree: Tree): UsageBatch {
  return {
    daily: toDailyRows(tree),
    forEachCell(visit) {
      // One array for every cell: the visitor copies what it keeps.
      const dimensions: (string | number)[] = ['', '', '', '', '', 0];
      forEachEntry(tree, (minute, api, version, operation, consumer, plan, cells) => {
        for (let statusClass = 0; statusClass < statusClasses; statusClass += 1) {
          const base = statusClass * stride;
          if ((cells[base] ?? 0) === 0) continue;
          dimensions[0] = api;
          dimensions[1] = version;
          dimensions[2] = operation;
          dimensions[3] = consumer;
          dimensions[4] = plan;
          dimensions[5] = statusClass + 1;
          visit(minute, dimensions, cells, base);
        }
      });
    },
  };
}

/** Creates the in-memory counts written into `usage_aggregates` (and `usage`) by `writer`. */
export function createUsageAggregates(writer: UsageWriter): UsageAggregates {
  let tree: Tree = new Map();
  let pending = 0;
  // The hour last rolled up: a flush within the same hour has nothing to roll.
  let rolledHour = -1;
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
    flush(nowMs = Date.now()) {
      const nowMinute = Math.floor(nowMs / 60_000);
      const hour = Math.floor(nowMinute / 60);
      if (pending === 0 && hour === rolledHour) return writes === 0 ? 0 : writing.then(() => 0);
      const batch = tree;
      const batchPending = pending;
      tree = new Map();
      pending = 0;
      // Kept for the next flush rather than lost (the store was busy, full or away).
      const keep = (): void => {
        forEachEntry(batch, (minute, api, version, operation, consumer, plan, cells) => {
          const kept = cellsOf(tree, minute, api, version, operation, consumer, plan);
          for (let index = 0; index < cells.length; index += 1) {
            kept[index] = (kept[index] ?? 0) + (cells[index] ?? 0);
          }
        });
        pending += batchPending;
      };
      let written: Awaitable<number>;
      try {
        written = writer.writeUsage(toBatch(batch), nowMinute);
      } catch (error) {
        keep();
        throw error;
      }
      if (!(written instanceof Promise)) {
        rolledHour = hour;
        return written;
      }
      writes += 1;
      writingCalls += batchPending;
      const own = written.then(
        (cells) => {
          writingCalls -= batchPending;
          rolledHour = hour;
          return cells;
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
