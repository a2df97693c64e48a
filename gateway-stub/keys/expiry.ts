import { z } from 'zod';

/**
 * A subscription's end date. It is stored as text (an ISO date-time), but always compared as an
 * instant: as text, V8's `+099999-01-01T00:00:00.000Z` sorts before `2026-…` and a key far in
 * the future read as expired in one place and active in another. Every reader — the key lookup,
 * the admin views, the metrics — goes through `toExpiryInstant`.
 */

/** The last instant accepted: ISO 8601 writes years past 9999 only with a sign and more digits. */
export const latestExpiryMs = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const rangeMessage =
  'must be an end date after now and no later than 9999-12-31, as YYYY-MM-DD or an ISO date-time such as 2026-12-31T23:59:59Z';

/**
 * An end date as an administrator gives it: `YYYY-MM-DD` (the subscription ends as that day
 * starts, UTC) or an ISO date-time with an offset, in the future and no later than year 9999.
 * Its output is the instant as `toISOString` writes it, the form the store keeps.
 */
export const expiryInputSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: rangeMessage })
  .transform((value, context) => {
    const time = Date.parse(dayPattern.test(value) ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(time) || time > latestExpiryMs || time <= Date.now()) {
      context.addIssue({ code: 'custom', message: rangeMessage, input: value });
      return z.NEVER;
    }
    return new Date(time).toISOString();
  });

/**
 * The instant a stored end date stands for, in epoch ms: `Infinity` when there is none, and
 * `-Infinity` when the text cannot be read (a hand edit, an old bug): such a subscription is
 * closed rather than left open forever, and it shows as expired everywhere alike.
 */
export function toExpiryInstant(stored: string | null): number {
  if (stored === null) return Infinity;
  const time = Date.parse(stored);
  return Number.isNaN(time) ? -Infinity : time;
}

/** True when a stored end date has passed at `nowMs`. */
export function isPastExpiry(stored: string | null, nowMs: number): boolean {
  return toExpiryInstant(stored) <= nowMs;
}
