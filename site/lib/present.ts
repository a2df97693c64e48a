import type { Lifecycle, PlanName, Visibility } from '../../catalog/index.ts';

/** How each lifecycle reads on a badge and what it means for a partner. */
export const lifecycleLabels: Readonly<Record<Lifecycle, { label: string; meaning: string }>> = {
  draft: { label: 'Draft', meaning: 'being designed: expect changes without notice' },
  beta: { label: 'Beta', meaning: 'usable, but may still change' },
  stable: { label: 'Stable', meaning: 'changes keep compatibility' },
  deprecated: { label: 'Deprecated', meaning: 'still answers until its sunset date' },
  retired: { label: 'Retired', meaning: 'no longer answers' },
};

/** How each visibility reads where it is not public. */
export const visibilityLabels: Readonly<Record<Visibility, string>> = {
  public: 'Public',
  partners: 'Partners only',
  internal: 'Internal only',
};

/** How each sandbox plan reads. */
export const planLabels: Readonly<Record<PlanName, { label: string; meaning: string }>> = {
  free: { label: 'Free', meaning: 'self-service trial keys start here' },
  premium: { label: 'Premium', meaning: 'granted by an administrator on request' },
  internal: { label: 'Internal', meaning: "for the administration's own applications" },
};

/**
 * `2026-12-31` → `31 December 2026` (`31 décembre 2026` with `fr-FR`); unparsable input is
 * returned as written.
 */
export function toReadableDate(isoDate: string, locale = 'en-GB'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** `1000` → `1,000` in English, `1 000` in French. */
export function toReadableNumber(value: number, locale = 'en-GB'): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** `3 operations`, `1 operation`. */
export function toCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${toReadableNumber(count)} ${count === 1 ? singular : plural}`;
}

/**
 * What a version offers, counted: `3 operations`, `3 operations and 2 webhooks`, or `2 webhooks`
 * for an API that only calls partners back (never "0 operations").
 */
export function toOperationsLabel(
  operations: readonly { kind: 'operation' | 'webhook' }[],
): string {
  const calls = operations.filter((operation) => operation.kind === 'operation').length;
  const webhooks = operations.length - calls;
  if (webhooks === 0) return toCount(calls, 'operation');
  if (calls === 0) return toCount(webhooks, 'webhook');
  return `${toCount(calls, 'operation')} and ${toCount(webhooks, 'webhook')}`;
}
