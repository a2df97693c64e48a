import type pg from 'pg';
import type { RowSink } from '../usage-cells.ts';
import {
  addAggregateCountsSql,
  addDailyRequestsSql,
  aggregateColumns,
  dailyUsageColumns,
} from '../usage-sql.ts';

/**
 * A flush's rows on PostgreSQL, up to `rowsPerStatement` a statement: each column as one
 * array parameter, the rows rebuilt by the server with `unnest` and added up by
 * `INSERT … SELECT … ON CONFLICT`. One text for every flush, prepared once per connection,
 * where rows as `VALUES` tuples made a statement of 26 parameters a row, parsed and planned
 * anew for each thousand rows. The aggregates and the daily table go in the same statement
 * (the daily upsert as a data-modifying `WITH`): one round trip for both.
 */

/** The server's type of a usage column, as its array parameter is cast. */
function toPostgresType(column: string): string {
  if (column === 'status_class') return 'integer';
  if (column === 'latency_sum_ms') return 'double precision';
  if (column === 'minute' || column === 'requests' || column === 'quota_refusals') return 'bigint';
  return /^l\d+$/.test(column) ? 'bigint' : 'text';
}

/** `unnest($from::type[], …)` over `columns`, their parameters numbered from `from`. */
function toUnnest(columns: readonly string[], from: number): string {
  const arrays = columns.map(
    (column, index) => `$${String(from + index)}::${toPostgresType(column)}[]`,
  );
  return `unnest(${arrays.join(', ')})`;
}

/** The statement adding a flush's aggregate rows, then its daily rows, parameters in that order. */
export const upsertUsageRowsSql = `WITH daily AS (
    INSERT INTO usage (${dailyUsageColumns.join(', ')})
    SELECT * FROM ${toUnnest(dailyUsageColumns, aggregateColumns.length + 1)}
    ${addDailyRequestsSql}
  )
  INSERT INTO usage_aggregates (${aggregateColumns.join(', ')})
  SELECT * FROM ${toUnnest(aggregateColumns, 1)}
  ${addAggregateCountsSql}`;

/** Its name on each connection, which prepares it on first use. */
const statementName = 'guichet-usage-rows';

/** One flush's rows, column by column. */
export interface UsageRowColumns {
  /** Takes an aggregate row (`aggregateColumns`' order), copied: the array is reused. */
  addAggregate: RowSink;
  /** Takes a daily row (`dailyUsageColumns`' order). */
  addDaily: RowSink;
  /** Sends every row, `rowsPerStatement` a statement; none when there are none. */
  upsert(client: pg.PoolClient): Promise<void>;
}

function toColumns(width: number): (string | number)[][] {
  return Array.from({ length: width }, () => []);
}

/**
 * The parameter of each column: numbers as one array literal joined here (digits need no
 * quoting, and a flush holds hundreds of thousands of them), text as the array itself, which
 * `pg` quotes and escapes element by element.
 */
function toParameters(
  columns: readonly (string | number)[][],
  names: readonly string[],
): (string | (string | number)[])[] {
  return columns.map((values, index) =>
    toPostgresType(names[index] ?? '') === 'text' ? values : `{${values.join(',')}}`,
  );
}

function toAdder(columns: (string | number)[][]): RowSink {
  return (values) => {
    for (let index = 0; index < columns.length; index += 1) {
      columns[index]?.push(values[index] ?? '');
    }
  };
}

/**
 * Rows per statement at most: each statement must end well within the statement timeout
 * (10 s) on a loaded server, or the flush would fail, keep its counts, and fail again the
 * next time with more of them. A gateway's flush of a few seconds is one statement.
 */
export const rowsPerStatement = 2_000;

/** Collects a flush's rows for `upsert`. */
export function createUsageRowColumns(): UsageRowColumns {
  const aggregates = toColumns(aggregateColumns.length);
  const daily = toColumns(dailyUsageColumns.length);
  const slice = (columns: (string | number)[][], start: number): (string | number)[][] =>
    columns.map((values) => values.slice(start, start + rowsPerStatement));
  return {
    addAggregate: toAdder(aggregates),
    addDaily: toAdder(daily),
    async upsert(client) {
      const rows = Math.max(aggregates[0]?.length ?? 0, daily[0]?.length ?? 0);
      for (let start = 0; start < rows; start += rowsPerStatement) {
        await client.query({
          name: statementName,
          text: upsertUsageRowsSql,
          values: [
            ...toParameters(slice(aggregates, start), aggregateColumns),
            ...toParameters(slice(daily, start), dailyUsageColumns),
          ],
        });
      }
    },
  };
}
