import { toPercentile } from '../observe/latency-buckets.ts';
import { bucketColumns } from '../store/usage-sql.ts';
import { toInstant, toNumber, toStatusClassLabel, toText, type SqlRow } from './usage-figures.ts';

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
 * The export's lines from `toExportStatement`'s rows (`store/usage-export-sql.ts`): an export
 * runs to 100,000 lines, so each is made with no more than it shows — one histogram array
 * for every line, and the bucket's instant formatted once for the lines of that bucket (they
 * come in order).
 */
export function toExportRows(rows: readonly SqlRow[]): ExportRow[] {
  const buckets = new Array<number>(bucketColumns.length).fill(0);
  let bucket = Number.NaN;
  let time = '';
  return rows.map((row) => {
    const start = toNumber(row.bucket);
    if (start !== bucket) {
      bucket = start;
      time = toInstant(start);
    }
    for (let index = 0; index < bucketColumns.length; index += 1) {
      buckets[index] = toNumber(row[bucketColumns[index] ?? '']);
    }
    return {
      time,
      api: toText(row.api),
      version: toText(row.version),
      operation: toText(row.operation),
      consumerId: toText(row.consumer_id),
      plan: toText(row.plan),
      statusClass: toStatusClassLabel(row.status_class),
      requests: toNumber(row.requests),
      quotaRefusals: toNumber(row.quota_refusals),
      p50Ms: toPercentile(buckets, 0.5),
      p95Ms: toPercentile(buckets, 0.95),
      p99Ms: toPercentile(buckets, 0.99),
    };
  });
}
