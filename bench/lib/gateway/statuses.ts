/**
 * The statuses the gateway bench received. A figure stands only if every request got the
 * answer the bench meant to measure: a 429, a 401 or a failed connection is a cheaper (or a
 * different) path, and counting it would measure something else than what the bench says.
 */

/** Number of answers per status (`"200"`, `"429"`…, or `networkError`). */
export type Statuses = Record<string, number>;

/** What the load counts when a request got no HTTP answer at all. */
export const networkError = 'network error';

/** Adds `from` into `into`. */
export function addStatuses(into: Statuses, from: Readonly<Statuses>): void {
  for (const [status, count] of Object.entries(from)) into[status] = (into[status] ?? 0) + count;
}

/** `200×41230 429×3`, or `none`. */
export function formatStatuses(statuses: Readonly<Statuses>): string {
  const entries = Object.entries(statuses);
  if (entries.length === 0) return 'none';
  return entries.map(([status, count]) => `${status}×${String(count)}`).join(' ');
}

/**
 * Why one slice of load voids the run — a status other than `expected`, or no answer at all —
 * or undefined when it stands.
 */
export function findVoidReason(
  contender: string,
  load: string,
  statuses: Readonly<Statuses>,
  expected: number,
): string | undefined {
  const wanted = String(expected);
  const expectation = `(expected ${wanted} only)`;
  const entries = Object.entries(statuses).filter(([, count]) => count > 0);
  if (entries.length === 0) return `${contender} at ${load} received no answer ${expectation}`;
  const unexpected = Object.fromEntries(entries.filter(([status]) => status !== wanted));
  if (Object.keys(unexpected).length === 0) return undefined;
  const good = statuses[wanted] ?? 0;
  const beside = good > 0 ? ` beside ${wanted}×${String(good)}` : '';
  return `${contender} at ${load} answered ${formatStatuses(unexpected)}${beside} ${expectation}`;
}
