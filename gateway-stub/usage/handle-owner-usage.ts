import type { Exchange } from '../http/exchange.ts';
import { sendBody, sendJson, sendProblem } from '../http/send-response.ts';
import { toCsv } from './to-csv.ts';
import {
  invalidPeriod,
  invalidQuery,
  ownerUsageQuerySchema,
  toParameterErrors,
  toQueryObject,
  toUsageSelection,
  wantsCsv,
  type UsageSelection,
} from './usage-query.ts';
import { exportColumns } from './usage-export.ts';
import { toVersionKey, type DeprecatedVersion, type UsageReader } from './usage-reader.ts';
import { toInstant } from './usage-figures.ts';

/** Lines of one CSV export at most: past it, the caller narrows the period or the filters. */
export const maxExportRows = 100_000;

/** What the owners' report reads. */
export interface OwnerUsageOptions {
  reader: UsageReader;
  /** Writes the counts still in memory, so a report includes the last seconds' calls. */
  flush: () => Promise<void>;
  /** The catalog's deprecated versions, their sunset beside them. */
  deprecated: readonly DeprecatedVersion[];
  /** Answers an error the report met (the store away: a 503). */
  fail: (exchange: Exchange, error: unknown) => void;
}

/**
 * `GET /usage` on the admin port: requests over time (minute, hour or day buckets), totals
 * with the error rate, p50/p95/p99 and quota refusals, breakdowns by API, version, operation,
 * consumer, plan and status class (the first `limit` of each, by requests: the top consumers
 * and operations), and the consumers still calling a deprecated version; filtered by API,
 * version, operation, consumer, plan and period. `?format=csv` or `Accept: text/csv` answers
 * the same selection as CSV lines, one per bucket and dimensions.
 */
export function createOwnerUsageEndpoint(options: OwnerUsageOptions): (exchange: Exchange) => void {
  const { reader } = options;
  return (exchange) => {
    const parsed = ownerUsageQuerySchema.safeParse(toQueryObject(exchange.req.url ?? ''));
    if (!parsed.success) {
      sendProblem(exchange, 'invalidRequest', invalidQuery, {
        extensions: { errors: toParameterErrors(parsed.error) },
      });
      return;
    }
    const selection = toUsageSelection(parsed.data, Date.now());
    if ('pointer' in selection) {
      sendProblem(exchange, 'invalidRequest', invalidPeriod, {
        extensions: { errors: [selection] },
      });
      return;
    }
    answer(exchange, selection, wantsCsv(parsed.data.format, exchange.req.headers.accept)).catch(
      (error: unknown) => {
        options.fail(exchange, error);
      },
    );
  };

  async function answer(
    exchange: Exchange,
    selection: UsageSelection,
    csv: boolean,
  ): Promise<void> {
    await options.flush();
    if (csv) {
      const rows = await reader.exportRows(selection, maxExportRows);
      if (rows === undefined) {
        sendProblem(exchange, 'invalidRequest', {
          en: `The export would exceed ${String(maxExportRows)} lines: narrow the period or the filters, or choose a coarser bucket.`,
          fr: `L’export dépasserait ${String(maxExportRows)} lignes : resserrez la période ou les filtres, ou choisissez un intervalle plus large.`,
        });
        return;
      }
      sendBody(exchange, 200, 'text/csv; charset=utf-8', toCsv(exportColumns, rows), {
        'content-disposition': 'attachment; filename="guichet-usage.csv"',
      });
      return;
    }
    const versions = options.deprecated.filter(
      (version) =>
        (selection.api === undefined || version.api === selection.api) &&
        (selection.version === undefined || version.version === selection.version),
    );
    const callers = await reader.deprecatedCallers(selection, versions);
    const deprecated = versions.map((version) => ({
      ...version,
      consumers: callers.get(toVersionKey(version)) ?? [],
    }));
    sendJson(exchange, 200, {
      period: { from: toInstant(selection.fromMinute), to: toInstant(selection.toMinute) },
      bucket: selection.bucket,
      filters: {
        api: selection.api ?? null,
        version: selection.version ?? null,
        operation: selection.operation ?? null,
        consumerId: selection.consumer ?? null,
        plan: selection.plan ?? null,
      },
      totals: await reader.totals(selection),
      series: await reader.series(selection),
      byApi: await reader.breakdown(selection, 'byApi'),
      byVersion: await reader.breakdown(selection, 'byVersion'),
      byOperation: await reader.breakdown(selection, 'byOperation'),
      byConsumer: await reader.breakdown(selection, 'byConsumer'),
      byPlan: await reader.breakdown(selection, 'byPlan'),
      byStatusClass: await reader.breakdown(selection, 'byStatusClass'),
      deprecated,
    });
  }
}
