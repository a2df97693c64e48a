import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './open-database.ts';

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

const separator = '\u0000';

/** Creates a recorder writing into the `usage` table of `db`. */
export function createUsageRecorder(db: DatabaseSync): UsageRecorder {
  let counts = new Map<string, number>();
  let pending = 0;
  const upsert = db.prepare(
    `INSERT INTO usage (day, consumer_id, api, version, operation, requests) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, consumer_id, api, version, operation) DO UPDATE SET requests = requests + excluded.requests`,
  );
  return {
    record(day, consumerId, api, version, operation) {
      const key =
        day +
        separator +
        consumerId +
        separator +
        api +
        separator +
        version +
        separator +
        operation;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      pending += 1;
    },
    flush() {
      if (counts.size === 0) return 0;
      const batch = counts;
      counts = new Map();
      pending = 0;
      try {
        inTransaction(db, () => {
          for (const [key, requests] of batch) {
            const [day, consumerId, api, version, operation] = key.split(separator);
            upsert.run(
              day ?? '',
              consumerId ?? '',
              api ?? '',
              version ?? '',
              operation ?? '',
              requests,
            );
          }
        });
      } catch (error) {
        // Keep the counts for the next flush rather than lose them (e.g. the store was busy).
        for (const [key, requests] of batch) counts.set(key, (counts.get(key) ?? 0) + requests);
        pending += [...batch.values()].reduce((sum, requests) => sum + requests, 0);
        throw error;
      }
      return batch.size;
    },
    get pending() {
      return pending;
    },
  };
}
