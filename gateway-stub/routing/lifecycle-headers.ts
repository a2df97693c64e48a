/**
 * Header values announcing a version's end of life, computed once per version at start-up.
 * `Deprecation` follows RFC 9745 (a Structured Field Date: `@` and epoch seconds) and `Sunset`
 * RFC 8594 (an HTTP-date); both dates come from the catalog as `YYYY-MM-DD`, read as midnight UTC.
 */

/** `2025-01-31` → `@1738281600`. */
export function toDeprecationHeader(date: string): string {
  return `@${String(Math.floor(toEpochMs(date) / 1000))}`;
}

/** `2026-06-30` → `Tue, 30 Jun 2026 00:00:00 GMT`. */
export function toSunsetHeader(date: string): string {
  return new Date(toEpochMs(date)).toUTCString();
}

function toEpochMs(date: string): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time)) throw new Error(`"${date}" is not a date as YYYY-MM-DD`);
  return time;
}
