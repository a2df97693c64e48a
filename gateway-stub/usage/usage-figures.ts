import { toPercentile } from '../observe/latency-buckets.ts';
import { bucketColumns } from '../store/usage-sql.ts';

/** A row as SQLite answers it. */
export type SqlRow = Record<string, string | number | bigint | null | Uint8Array>;

/** What a report says of a set of calls. */
export interface UsageFigures {
  requests: number;
  /** Answers 4xx (refusals of the gateway and of the mock server, quota refusals included). */
  clientErrors: number;
  /** Answers 5xx. */
  serverErrors: number;
  /** (4xx + 5xx) / requests, 0 without requests. */
  errorRate: number;
  /** Calls refused with 429 because the plan's quota was spent. */
  quotaRefusals: number;
  /** Latencies in ms, from the summed histogram (null without requests). */
  latencyMs: { mean: number | null; p50: number | null; p95: number | null; p99: number | null };
}

/** A count as a number (0 when absent; PostgreSQL's sums come as numbers too). */
export function toNumber(value: SqlRow[string] | undefined): number {
  return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : 0;
}

/** The figures of a row selected with `figureColumns` (`store/usage-sql.ts`). */
export function toFigures(row: SqlRow | undefined): UsageFigures {
  const requests = toNumber(row?.requests);
  const clientErrors = toNumber(row?.client_errors);
  const serverErrors = toNumber(row?.server_errors);
  const buckets = bucketColumns.map((name) => toNumber(row?.[name]));
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    requests,
    clientErrors,
    serverErrors,
    errorRate: requests === 0 ? 0 : round((clientErrors + serverErrors) / requests),
    quotaRefusals: toNumber(row?.quota_refusals),
    latencyMs: {
      mean: requests === 0 ? null : round(toNumber(row?.latency_sum_ms) / requests),
      p50: toPercentile(buckets, 0.5),
      p95: toPercentile(buckets, 0.95),
      p99: toPercentile(buckets, 0.99),
    },
  };
}

/** `2` → `2xx`. */
export function toStatusClassLabel(value: SqlRow[string] | undefined): string {
  const statusClass = toNumber(value);
  return statusLabels[statusClass] ?? `${String(statusClass)}xx`;
}

const statusLabels = ['0xx', '1xx', '2xx', '3xx', '4xx', '5xx'];

/** A text column's value ('' when absent). */
export function toText(value: SqlRow[string] | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** An epoch minute as an ISO instant. */
export function toInstant(minute: SqlRow[string] | number | undefined): string {
  const value = typeof minute === 'number' ? minute : toNumber(minute);
  return new Date(value * 60_000).toISOString();
}
