import {
  consumerUsageQuerySchema,
  ownerUsageQuerySchema,
  toUsageSelection,
  type UsageSelection,
} from '../../../gateway-stub/usage/usage-query.ts';
import type { DeprecatedVersion, UsageReader } from '../../../gateway-stub/usage/usage-reader.ts';
import { maxExportRows } from '../../../gateway-stub/usage/handle-owner-usage.ts';
import { toCsv } from '../../../gateway-stub/usage/to-csv.ts';
import { exportColumns } from '../../../gateway-stub/usage/usage-export.ts';

/** An export as the endpoints answer it: the lines read, then written as CSV. */
async function exportCsv(reader: UsageReader, selection: UsageSelection): Promise<string> {
  const rows = await reader.exportRows(selection, maxExportRows);
  return rows === undefined ? 'refused: over the line limit' : toCsv(exportColumns, rows);
}

/** One query a usage view makes, named as the bench prints it. */
export interface ViewQuery {
  /** The view and what it asks: `owner 90 d/day api=…`. */
  view: string;
  query: string;
  run: () => Promise<unknown>;
}

/** What the queries read, and who they ask about. */
export interface ViewSubjects {
  reader: UsageReader;
  nowMs: number;
  /** A busy API, one of its operations, a busy consumer and the APIs it is subscribed to. */
  api: string;
  version: string;
  operation: string;
  consumer: string;
  consumerApis: readonly string[];
  plan: string;
  deprecated: readonly DeprecatedVersion[];
}

const periods = [
  { label: '24 h/hour', minutes: 1_440, bucket: 'hour' },
  { label: '7 d/minute', minutes: 10_080, bucket: 'minute' },
  { label: '30 d/hour', minutes: 43_200, bucket: 'hour' },
  { label: '90 d/hour', minutes: 129_600, bucket: 'hour' },
  { label: '90 d/day', minutes: 129_600, bucket: 'day' },
] as const;

function toSelection(
  subjects: ViewSubjects,
  minutes: number,
  bucket: string,
  filters: Record<string, string>,
  owner: boolean,
): UsageSelection {
  const to = new Date(subjects.nowMs).toISOString();
  const from = new Date(subjects.nowMs - minutes * 60_000).toISOString();
  const input = { from, to, bucket, ...filters };
  const query = owner ? ownerUsageQuerySchema.parse(input) : consumerUsageQuerySchema.parse(input);
  const selection = toUsageSelection(query, subjects.nowMs);
  if ('pointer' in selection) throw new Error(`${selection.pointer} ${selection.detail}`);
  return selection;
}

/** The queries `GET /usage` makes for one selection, in the order it makes them. */
function ownerReport(view: string, subjects: ViewSubjects, selection: UsageSelection): ViewQuery[] {
  const { reader } = subjects;
  const queries: ViewQuery[] = [
    { view, query: 'totals', run: () => reader.totals(selection) },
    { view, query: 'series', run: () => reader.series(selection) },
  ];
  for (const name of [
    'byApi',
    'byVersion',
    'byOperation',
    'byConsumer',
    'byPlan',
    'byStatusClass',
  ] as const) {
    queries.push({ view, query: name, run: () => reader.breakdown(selection, name) });
  }
  const deprecated = subjects.deprecated.filter(
    (version) =>
      (selection.api === undefined || version.api === selection.api) &&
      (selection.version === undefined || version.version === selection.version),
  );
  queries.push({
    view,
    query: `deprecated callers (${String(deprecated.length)} versions)`,
    run: () => reader.deprecatedCallers(selection, deprecated),
  });
  return queries;
}

/** The queries `GET /_guichet/usage` makes for one consumer. */
function consumerReport(view: string, subjects: ViewSubjects, own: UsageSelection): ViewQuery[] {
  const { reader } = subjects;
  return [
    {
      view,
      query: `per API (${String(subjects.consumerApis.length)}): totals, busiest minute, by version, by operation`,
      // One after the other, as the endpoint makes them.
      run: async () => {
        const answers: unknown[] = [];
        for (const api of subjects.consumerApis) {
          const selection = { ...own, api };
          answers.push(
            await reader.totals(selection),
            await reader.busiestMinute(selection),
            await reader.breakdown(selection, 'byVersion'),
            await reader.breakdown(selection, 'byOperation'),
          );
        }
        return answers;
      },
    },
    { view, query: 'totals', run: () => reader.totals(own) },
    { view, query: 'series', run: () => reader.series(own) },
  ];
}

/**
 * Every query the owners' and the consumers' views make, over the periods and resolutions the
 * pages offer, unfiltered and with each filter, and the CSV exports.
 */
export function listViewQueries(subjects: ViewSubjects): ViewQuery[] {
  const queries: ViewQuery[] = [];
  for (const period of periods) {
    const selection = toSelection(subjects, period.minutes, period.bucket, {}, true);
    queries.push(...ownerReport(`owner ${period.label}`, subjects, selection));
  }
  const filters: [string, Record<string, string>][] = [
    [`api=${subjects.api}`, { api: subjects.api }],
    [`api+version`, { api: subjects.api, version: subjects.version }],
    [`api+operation`, { api: subjects.api, operation: subjects.operation }],
    [`consumer`, { consumer: subjects.consumer }],
    [`plan=${subjects.plan}`, { plan: subjects.plan }],
  ];
  for (const [label, filter] of filters) {
    for (const period of [periods[0], periods[4]]) {
      const selection = toSelection(subjects, period.minutes, period.bucket, filter, true);
      queries.push(...ownerReport(`owner ${period.label} ${label}`, subjects, selection));
    }
  }
  for (const [label, minutes, bucket, filter] of [
    ['24 h/hour', 1_440, 'hour', {}],
    ['90 d/day', 129_600, 'day', { api: subjects.api }],
  ] as const) {
    const selection = toSelection(subjects, minutes, bucket, filter, true);
    queries.push({
      view: `owner CSV ${label}${'api' in filter ? ` api=${subjects.api}` : ''}`,
      query: 'export, as CSV',
      run: () => exportCsv(subjects.reader, selection),
    });
  }
  for (const period of [periods[0], periods[3], periods[4]]) {
    const selection = {
      ...toSelection(subjects, period.minutes, period.bucket, {}, false),
      consumer: subjects.consumer,
    };
    queries.push(...consumerReport(`consumer ${period.label}`, subjects, selection));
  }
  const csv = {
    ...toSelection(subjects, 129_600, 'day', {}, false),
    consumer: subjects.consumer,
  };
  queries.push({
    view: 'consumer CSV 90 d/day',
    query: 'export, as CSV',
    run: () => exportCsv(subjects.reader, csv),
  });
  return queries;
}
