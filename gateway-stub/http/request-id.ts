import { randomUUID } from 'node:crypto';

/** What a client-chosen request id may look like: short, and safe in headers and logs. */
const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id that follows a request through the gateway, the mock server and the logs: the
 * client's own `X-Request-ID` when it is well formed (so a partner can correlate with their
 * logs), otherwise a fresh UUID — an odd value is replaced, not refused, since it is only a label.
 */
export function toRequestId(header: string | string[] | undefined): string {
  if (typeof header === 'string' && requestIdPattern.test(header)) return header;
  return randomUUID();
}
