import { z } from 'zod';
import type { Localized } from '../../catalog/sandbox-languages.ts';

/** Time buckets of a report's series, in minutes. */
export const bucketMinutes = { minute: 1, hour: 60, day: 1440 } as const;
/** A series' resolution. */
export type Bucket = keyof typeof bucketMinutes;

/** The longest period each bucket may cover: bounded series, bounded work per query. */
export const maxPeriodMinutes: Record<Bucket, number> = {
  minute: 7 * 1440,
  hour: 92 * 1440,
  day: 400 * 1440,
};

// An instant from 2000 to 9999, as a date (midnight UTC) or an ISO date-time with its zone.
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((value) => Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value))
  .refine((ms) => ms >= Date.UTC(2000, 0, 1) && ms < Date.UTC(10000, 0, 1), {
    message: 'must be between 2000-01-01 and 9999-12-31',
  });
// Filters are matched as bound parameters, never written into SQL; a bounded printable text.
const name = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not hold control characters');

/** Shared by the owners' and the consumers' queries: the period and its resolution. */
const periodFields = {
  /** Start of the period, included (default: `to` minus a day). */
  from: instant.optional(),
  /** End of the period, excluded (default: now). */
  to: instant.optional(),
  /** Resolution of the series (default `hour`). */
  bucket: z.enum(['minute', 'hour', 'day']).default('hour'),
  /** `csv` for the export; `Accept: text/csv` says the same. */
  format: z.enum(['json', 'csv']).optional(),
  /** Only this API. */
  api: name(64).optional(),
  /** Only this version (of `api`, or of every API). */
  version: name(64).optional(),
};

/** `GET /usage` on the admin port: filters, period, size of the top lists. */
export const ownerUsageQuerySchema = z.strictObject({
  ...periodFields,
  /** Only this operation (the document's `operationId`). */
  operation: name(200).optional(),
  /** Only this consumer (`con_…`). */
  consumer: name(64).optional(),
  /** Only this plan. */
  plan: name(32).optional(),
  /** Entries of each top list (1 to 100, default 10). */
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

/** `GET /_guichet/usage` on the public port: the caller's own usage, never a consumer filter. */
export const consumerUsageQuerySchema = z.strictObject(periodFields);

/** What a report selects, once validated: epoch minutes, the period's end excluded. */
export interface UsageSelection {
  fromMinute: number;
  toMinute: number;
  bucket: Bucket;
  api: string | undefined;
  version: string | undefined;
  operation: string | undefined;
  consumer: string | undefined;
  plan: string | undefined;
  limit: number;
}

/** A query string parsed: each parameter once (a repeated one is refused, never merged). */
export function toQueryObject(url: string): Record<string, string | string[]> {
  const query = url.indexOf('?');
  const params = new URLSearchParams(query === -1 ? '' : url.slice(query + 1));
  const value: Record<string, string | string[]> = {};
  for (const [key, item] of params) {
    const seen = value[key];
    value[key] = seen === undefined ? item : [...(Array.isArray(seen) ? seen : [seen]), item];
  }
  return value;
}

/** Why a period cannot be reported. */
export interface PeriodProblem {
  pointer: string;
  detail: string;
}

/**
 * The selection of a validated query, its period defaulted (the day before `nowMs`) and
 * bounded: `from` before `to`, and no longer than its bucket allows.
 */
export function toUsageSelection(
  query: z.output<typeof ownerUsageQuerySchema> | z.output<typeof consumerUsageQuerySchema>,
  nowMs: number,
): UsageSelection | PeriodProblem {
  const toMs = query.to ?? nowMs;
  const fromMs = query.from ?? toMs - 86_400_000;
  const toMinute = Math.ceil(toMs / 60_000);
  const fromMinute = Math.floor(fromMs / 60_000);
  if (fromMinute >= toMinute) return { pointer: '#/from', detail: 'must be before to' };
  const longest = maxPeriodMinutes[query.bucket];
  if (toMinute - fromMinute > longest) {
    return {
      pointer: '#/to',
      detail: `a period of ${query.bucket} buckets covers at most ${String(longest / 1440)} days: narrow it, or choose a coarser bucket`,
    };
  }
  const owner = 'limit' in query ? query : undefined;
  return {
    fromMinute,
    toMinute,
    bucket: query.bucket,
    api: query.api,
    version: query.version,
    operation: owner?.operation,
    consumer: owner?.consumer,
    plan: owner?.plan,
    limit: owner?.limit ?? 100,
  };
}

/** A refused parameter as problems list it (`errors`): its pointer and what is wrong. */
export function toParameterErrors(error: z.ZodError): PeriodProblem[] {
  return error.issues.map((issue) => ({
    pointer: `#/${issue.path.map(String).join('/')}`,
    detail:
      issue.code === 'unrecognized_keys'
        ? `unknown parameter(s): ${issue.keys.join(', ')}`
        : issue.code === 'invalid_type' && issue.path.length > 0
          ? 'must be given once'
          : issue.message,
  }));
}

/** True when the caller asked for the CSV export (`?format=csv` or `Accept: text/csv`). */
export function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept ?? '');
}

/** The detail of a usage query whose parameters are refused (`errors` names each). */
export const invalidQuery = {
  en: 'The usage query is invalid.',
  fr: 'La requête d’usage est invalide.',
} as const satisfies Localized;

/** The detail of a usage period that cannot be read (`errors` says why). */
export const invalidPeriod = {
  en: 'The usage period is invalid.',
  fr: 'La période d’usage est invalide.',
} as const satisfies Localized;
