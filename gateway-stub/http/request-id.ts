import { randomBytes } from 'node:crypto';
import { clientSecretMarker } from '../clients/client-format.ts';
import { keyMarker } from '../keys/key-format.ts';
import { holdsSecret } from './presented-secrets.ts';

/** What a client-chosen request id may look like: short, and safe in headers and logs. */
export const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A key's or a client secret's marker in any case: `GK_…` is a key with its marker typed in
 * capitals.
 */
const markerPattern = new RegExp(`${keyMarker}|${clientSecretMarker}`, 'i');

/** Random per process, so ids stay unique across restarts and several gateways. */
const processPrefix = `${randomBytes(6).toString('hex')}-`;
let counter = 0;

/**
 * The id that follows a request through the gateway, the mock server and the logs: the
 * client's own `X-Request-ID` when it is well formed (so a partner can correlate with their
 * logs), otherwise a new one — an odd value is replaced, not refused, since it is only a label.
 * An id that could hold a secret counts as odd: one with a key's marker (`gk_`) or a client
 * secret's (`gs_`), in any case,
 * or with part of the credentials the request presents (`secrets`, from
 * `listPresentedSecrets`: the key without its marker, its secret alone…). Keys fit the
 * pattern, and a client that pasted one there must not see it written to the log or sent to
 * the mock server.
 * New ids are a random process prefix and a counter (`3f9a1c2b7d4e-1k2`): unique, and a
 * fraction of the cost of a UUID on every request; nothing relies on them being unguessable.
 */
export function toRequestId(
  header: string | string[] | undefined,
  secrets: readonly string[] = [],
): string {
  if (
    typeof header === 'string' &&
    requestIdPattern.test(header) &&
    !markerPattern.test(header) &&
    (secrets.length === 0 || !holdsSecret(header.toLowerCase(), secrets))
  ) {
    return header;
  }
  counter += 1;
  return processPrefix + counter.toString(36);
}
