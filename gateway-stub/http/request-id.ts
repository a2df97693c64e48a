import { randomBytes } from 'node:crypto';
import { clientSecretMarker } from '../clients/client-format.ts';
import { keyMarker } from '../keys/key-format.ts';

/** What a client-chosen request id may look like: short, and safe in headers and logs. */
export const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** Random per process, so ids stay unique across restarts and several gateways. */
const processPrefix = `${randomBytes(6).toString('hex')}-`;
let counter = 0;

/**
 * The id that follows a request through the gateway, the mock server and the logs: the
 * client's own `X-Request-ID` when it is well formed (so a partner can correlate with their
 * logs), otherwise a new one — an odd value is replaced, not refused, since it is only a label.
 * An id holding the marker of a key (`gk_`) or of a client secret (`gs_`) counts as odd: both
 * fit the pattern, and a client that pasted one there must not see it written to the log or
 * sent to the mock server.
 * New ids are a random process prefix and a counter (`3f9a1c2b7d4e-1k2`): unique, and a
 * fraction of the cost of a UUID on every request; nothing relies on them being unguessable.
 */
export function toRequestId(header: string | string[] | undefined): string {
  if (
    typeof header === 'string' &&
    requestIdPattern.test(header) &&
    !header.includes(keyMarker) &&
    !header.includes(clientSecretMarker)
  ) {
    return header;
  }
  counter += 1;
  return processPrefix + counter.toString(36);
}
