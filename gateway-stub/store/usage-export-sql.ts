import { resolutionMinutes, type Segment } from './usage-plan.ts';
import {
  bucketColumns,
  dimensionColumns,
  toSegmentWhere,
  toSource,
  type Statement,
  type UsageFilters,
} from './usage-sql.ts';

/** What an export line counts, beside its bucket and dimensions (`usage/usage-export.ts`). */
export const exportedCounts = ['requests', 'quota_refusals', ...bucketColumns] as const;

const dimensions = dimensionColumns.join(', ');
const counts = exportedCounts.join(', ');
const sums = exportedCounts.map((name) => `SUM(${name}) AS ${name}`).join(', ');

/**
 * The export: per bucket of `step` minutes and every dimension, the calls, quota refusals and
 * latency histogram (`bucket`, the dimensions, `exportedCounts`), at most `limit` lines, by
 * bucket then dimensions. A segment of rows as wide as the bucket or wider (a 90-day export by
 * day reads day rows) already holds one row per line, its `minute` the bucket's start: its
 * rows are read as they are, in the order of the index that finds them, with nothing to add up
 * or sort; only the finer rows at the period's edges (hours and minutes of a day not rolled up
 * yet) are grouped into their buckets. The two never share a bucket (`planSegments` switches
 * resolution on the wider one's boundaries), and SQLite merges the ordered parts of the
 * `UNION ALL` rather than sorting every line.
 */
export function toExportStatement(
  segments: readonly Segment[],
  filters: UsageFilters,
  step: number,
  limit: number,
): Statement {
  const params: (string | number)[] = [];
  const parts: string[] = [];
  for (const segment of segments) {
    if (resolutionMinutes[segment.resolution] < step) continue;
    const where = toSegmentWhere(segment, filters);
    params.push(...where.params);
    parts.push(
      `SELECT minute AS bucket, ${dimensions}, ${counts} FROM usage_aggregates WHERE ${where.sql}`,
    );
  }
  const finer = segments.filter((segment) => resolutionMinutes[segment.resolution] < step);
  if (finer.length > 0) {
    const source = toSource(finer, filters, [], `minute, ${dimensions}, ${counts}`);
    params.push(...source.params);
    const bucket = `(minute / ${String(step)}) * ${String(step)}`;
    parts.push(
      `SELECT ${bucket} AS bucket, ${dimensions}, ${sums} FROM ${source.sql} GROUP BY ${bucket}, ${dimensions}`,
    );
  }
  // No segment (an empty period) reads no row.
  if (parts.length === 0) {
    parts.push(
      `SELECT minute AS bucket, ${dimensions}, ${counts} FROM usage_aggregates WHERE 1 = 0`,
    );
  }
  return {
    sql: `${parts.join(' UNION ALL ')} ORDER BY bucket, ${dimensions} LIMIT ?`,
    params: [...params, limit],
  };
}
