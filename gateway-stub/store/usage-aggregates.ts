import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import { latencyBucketCount, toLatencyBucket } from '../observe/latency-buckets.ts';
import { createCellWriter, readRollupMarks, rollUpUsage } from './usage-rollups.ts';
import { upsertDailyUsageSql } from './usage-sql.ts';

/**
 * Usage per minute for the owners' and consumers' reports: requests, quota refusals and a
 * latency histogram per (minute, API, version, operation, consumer, plan, status class).
 * Counting happens in memory on the request path; the totals reach SQLite in one transaction
 * every few seconds and at shutdown, so a busy sandbox does not write once per request. The
 * same flush fills the daily `usage` table the breaking-change report reads, and rolls the
 * hours and days that are over into the rows long reports read (`usage-rollups.ts`).
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
   * (default now); returns how many cells (a minute, dimensions, status class) it wrote.
   */
  flush(nowMs?: number): number;
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

type Row = (string | number)[];

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

/** Creates the in-memory counts written into `usage_aggregates` (and `usage`) of `db`. */
export function createUsageAggregates(db: DatabaseSync): UsageAggregates {
  let tree: Tree = new Map();
  let pending = 0;
  // The hour last rolled up: a flush within the same hour has nothing to roll.
  let rolledHour = -1;
  const startWriting = createCellWriter(db);
  const upsertDaily = db.prepare(upsertDailyUsageSql);
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

  /** Writes a batch and rolls up, in one transaction: the counts and the marks move together. */
  const write = (batch: Tree, nowMinute: number): number =>
    inTransaction(db, () => {
      const writer = startWriting(readRollupMarks(db));
      const daily = new Map<string, Row>();
      const dimensions: (string | number)[] = ['', '', '', '', '', 0];
      let dayMinute = -1;
      let day = '';
      forEachCell(batch, (minute, api, version, operation, consumer, plan, counts) => {
        let forwarded = 0;
        for (let statusClass = 0; statusClass < statusClasses; statusClass += 1) {
          const base = statusClass * stride;
          const requests = counts[base] ?? 0;
          if (requests === 0) continue;
          forwarded += requests;
          dimensions[0] = api;
          dimensions[1] = version;
          dimensions[2] = operation;
          dimensions[3] = consumer;
          dimensions[4] = plan;
          dimensions[5] = statusClass + 1;
          writer.write(minute, dimensions, counts, base);
        }
        if (operation === '' || consumer === '') return;
        // Most cells of a flush share their minute: one date string for them all.
        if (minute !== dayMinute) {
          dayMinute = minute;
          day = toDay(minute);
        }
        const key = [day, consumer, api, version, operation].join('\u0000');
        const row = daily.get(key);
        if (row === undefined) daily.set(key, [day, consumer, api, version, operation, forwarded]);
        else row[5] = Number(row[5]) + forwarded;
      });
      const written = writer.finish();
      for (const row of daily.values()) upsertDaily.run(...row);
      rollUpUsage(db, nowMinute);
      return written;
    });

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
      if (pending === 0 && hour === rolledHour) return 0;
      const batch = tree;
      const batchPending = pending;
      tree = new Map();
      pending = 0;
      try {
        const written = write(batch, nowMinute);
        rolledHour = hour;
        return written;
      } catch (error) {
        // Keep the counts for the next flush rather than lose them (e.g. the store was busy).
        forEachCell(batch, (minute, api, version, operation, consumer, plan, cells) => {
          const kept = cellsOf(tree, minute, api, version, operation, consumer, plan);
          for (let index = 0; index < cells.length; index += 1) {
            kept[index] = (kept[index] ?? 0) + (cells[index] ?? 0);
          }
        });
        pending += batchPending;
        throw error;
      }
    },
    get pending() {
      return pending;
    },
  };
}
