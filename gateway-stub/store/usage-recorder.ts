import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';

/**
 * Counts calls per (day, consumer, API, version, operation) for the breaking-change report
 * ("how many consumers called this operation in the last 30 days"). Counting happens in
 * memory on the request path; the totals reach SQLite in one transaction every few seconds
 * and at shutdown, so a busy sandbox does not write once per request.
 */
export interface UsageRecorder {
  /** Counts one call; `day` is `YYYY-MM-DD` (UTC). */
  record(day: string, consumerId: string, api: string, version: string, operation: string): void;
  /** Writes the pending counts now; returns how many rows it touched. */
  flush(): number;
  /** Calls not yet written. */
  readonly pending: number;
}

/** One row of counts, as written to the `usage` table. */
interface UsageRow {
  day: string;
  consumerId: string;
  api: string;
  version: string;
  operation: string;
  requests: number;
}

/** Counts nested day → consumer → API → version → operation. */
type Tree = Map<string, Map<string, Map<string, Map<string, Map<string, number>>>>>;

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

function toRows(tree: Tree): UsageRow[] {
  const rows: UsageRow[] = [];
  for (const [day, consumers] of tree) {
    for (const [consumerId, apis] of consumers) {
      for (const [api, versions] of apis) {
        for (const [version, operations] of versions) {
          for (const [operation, requests] of operations) {
            rows.push({ day, consumerId, api, version, operation, requests });
          }
        }
      }
    }
  }
  return rows;
}

/**
 * Creates a recorder writing into the `usage` table of `db`. Counts are kept in nested maps
 * rather than under one joined key: the request path passes strings it already holds (ids
 * from the route table and the key's grant), whose hashes V8 has cached, so a count costs a
 * few lookups and builds no string.
 */
export function createUsageRecorder(db: DatabaseSync): UsageRecorder {
  let tree: Tree = new Map();
  let pending = 0;
  const upsert = db.prepare(
    `INSERT INTO usage (day, consumer_id, api, version, operation, requests) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, consumer_id, api, version, operation) DO UPDATE SET requests = requests + excluded.requests`,
  );
  const add = (
    target: Tree,
    day: string,
    consumerId: string,
    api: string,
    version: string,
    operation: string,
    requests: number,
  ): void => {
    const consumers = childOf(target, day, newMap);
    const apis = childOf(consumers, consumerId, newMap);
    const versions = childOf(apis, api, newMap);
    const operations = childOf(versions, version, newMap);
    operations.set(operation, (operations.get(operation) ?? 0) + requests);
  };
  return {
    record(day, consumerId, api, version, operation) {
      add(tree, day, consumerId, api, version, operation, 1);
      pending += 1;
    },
    flush() {
      if (pending === 0) return 0;
      const rows = toRows(tree);
      const batchPending = pending;
      tree = new Map();
      pending = 0;
      try {
        inTransaction(db, () => {
          for (const row of rows) {
            upsert.run(row.day, row.consumerId, row.api, row.version, row.operation, row.requests);
          }
        });
      } catch (error) {
        // Keep the counts for the next flush rather than lose them (e.g. the store was busy).
        for (const row of rows) {
          add(tree, row.day, row.consumerId, row.api, row.version, row.operation, row.requests);
        }
        pending += batchPending;
        throw error;
      }
      return rows.length;
    },
    get pending() {
      return pending;
    },
  };
}
