import { readClientMessages } from '../i18n/client.ts';
import { drawUsageChart } from './usage-chart.ts';
import {
  createTable,
  fillSection,
  listFigureHeaders,
  toFigureCells,
  type UsageEntry,
  type UsageFigures,
  type UsageFormat,
  type UsagePoint,
} from './usage-tables.ts';

/** What both reports carry. */
interface Report {
  bucket: 'minute' | 'hour' | 'day';
  totals: UsageFigures;
  series: UsagePoint[];
}

/** `GET /usage` on the admin port (gateway-stub/README.md, "Usage reports"). */
export interface OwnerReport extends Report {
  byOperation: UsageEntry[];
  byConsumer: UsageEntry[];
  deprecated: {
    api: string;
    version: string;
    sunset?: string | null;
    consumers: { consumerId: string; requests: number; lastCall: string }[];
  }[];
}

/** `GET /_guichet/usage` on the public port: one consumer's own. */
export interface ConsumerReport extends Report {
  consumerId: string;
  application: string;
  apis: (UsageFigures & {
    api: string;
    plan: string;
    requestsPerMinute: number | null;
    busiestMinute: { time: string; requests: number } | null;
    byOperation: UsageEntry[];
  })[];
}

/** The totals, the chart and its table, and the operations, which both pages show. */
function renderCommon(
  report: Report,
  operations: readonly UsageEntry[],
  format: UsageFormat,
): void {
  const m = readClientMessages().usage;
  const figures = listFigureHeaders();
  fillSection(
    'usage-totals',
    createTable(m.totals, figures, [toFigureCells(report.totals, format)], format),
  );
  const chart = document.getElementById('usage-chart');
  if (chart) drawUsageChart(chart, report.series, format);
  fillSection(
    'usage-series',
    createTable(
      m.series(report.bucket),
      [m.time, m.requests, m.errors, m.quotaRefusals, m.p95],
      report.series.map((point) => [
        format.time(point.time),
        point.requests,
        point.clientErrors + point.serverErrors,
        point.quotaRefusals,
        point.latencyMs.p95,
      ]),
      format,
    ),
  );
  fillSection(
    'usage-operations',
    createTable(
      m.operations,
      [m.api, m.version, m.operation, ...figures],
      operations.map((entry) => [
        entry.api ?? null,
        entry.version ?? null,
        entry.operation || m.unmatched,
        ...toFigureCells(entry, format),
      ]),
      format,
    ),
  );
}

/** Fills the owners' page: totals, series, top consumers and operations, deprecated callers. */
export function renderOwnerReport(report: OwnerReport, format: UsageFormat): void {
  const m = readClientMessages().usage;
  renderCommon(report, report.byOperation, format);
  fillSection(
    'usage-consumers',
    createTable(
      m.consumers,
      [m.consumer, ...listFigureHeaders()],
      report.byConsumer.map((entry) => [
        entry.consumerId || m.anonymous,
        ...toFigureCells(entry, format),
      ]),
      format,
    ),
  );
  fillSection(
    'usage-deprecated',
    createTable(
      m.deprecatedCallers,
      [m.api, m.version, m.sunset, m.consumer, m.requests, m.lastCall],
      report.deprecated.flatMap((version) =>
        version.consumers.map((consumer) => [
          version.api,
          version.version,
          version.sunset ? format.day(version.sunset) : m.noSunset,
          consumer.consumerId,
          consumer.requests,
          format.time(consumer.lastCall),
        ]),
      ),
      format,
    ),
  );
}

/** Fills a consumer's page: their calls per API with the plan's quota, then the rest. */
export function renderConsumerReport(
  report: ConsumerReport,
  format: UsageFormat,
  planLabels: Readonly<Record<string, string>>,
): void {
  const m = readClientMessages().usage;
  renderCommon(
    report,
    report.apis.flatMap((api) => api.byOperation),
    format,
  );
  fillSection(
    'usage-apis',
    createTable(
      m.perApi,
      [m.api, m.plan, m.quota, m.busiest, ...listFigureHeaders()],
      report.apis.map((api) => [
        api.api,
        (Object.hasOwn(planLabels, api.plan) ? planLabels[api.plan] : undefined) ?? api.plan,
        api.requestsPerMinute,
        api.busiestMinute ? api.busiestMinute.requests : 0,
        ...toFigureCells(api, format),
      ]),
      format,
    ),
  );
}
