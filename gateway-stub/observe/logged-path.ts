import { clientSecretMarker } from '../clients/client-format.ts';
import { holdsSecret } from '../http/presented-secrets.ts';
import { keyMarker } from '../keys/key-format.ts';

/**
 * A key or a client secret, or what is left of one from its display prefix on, its marker in
 * any case (`GK_…` is still a key): replaced whole in the log.
 */
const secretRun = new RegExp(`(${keyMarker}|${clientSecretMarker})[A-Za-z0-9_-]{8,}`, 'gi');
const markerPattern = new RegExp(`${keyMarker}|${clientSecretMarker}`, 'i');
/** A JWT (an access token: `eyJ` is `{"` in base64url), in the case it is issued in. */
const tokenRun = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?/g;
const tokenMarker = 'eyJ';
const hasSuspect = (text: string): boolean =>
  markerPattern.test(text) || text.includes(tokenMarker);
/** What a segment holding the presented credentials is written as. */
const hiddenSegment = '(hidden)';
/** Characters a path segment holds as they are (RFC 3986 `pchar`, less `%`). */
const segmentCharacter = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;

/**
 * The path of a request as the access log writes it: without the query string, which could
 * carry anything a client put there, and with any key, client secret or token a client pasted
 * into it hidden — also
 * when it was percent-encoded, in part or whole, once or several times (`%67k_…`, `gk%5F…`,
 * `%2567k_…`), since a reader of the log would decode it, and whatever the case of its marker.
 * A segment holding part of the credentials the request presents (`secrets`, from
 * `listPresentedSecrets`), with no marker at all, in any case or encoding, is written
 * `(hidden)` whole. Segments that hold neither stay as they were sent; one with a key is
 * written decoded, keys hidden, and encoded again.
 */
export function toLoggedPath(url: string, secrets: readonly string[] = []): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  // Most paths hold no marker, no escape and none of the credentials presented.
  if (
    !path.includes('%') &&
    !hasSuspect(path) &&
    (secrets.length === 0 || !holdsSecret(path.toLowerCase(), secrets))
  ) {
    return path;
  }
  return path
    .split('/')
    .map((segment) => toLoggedSegment(segment, secrets))
    .join('/');
}

function toLoggedSegment(segment: string, secrets: readonly string[]): string {
  const decoded = segment.includes('%') ? decodeAsciiEscapes(segment) : segment;
  const withoutKeys = hasSuspect(decoded)
    ? decoded
        .replace(secretRun, (_run, marker: string) => `${marker.toLowerCase()}(hidden)`)
        .replace(tokenRun, '(hidden token)')
    : decoded;
  if (secrets.length > 0 && holdsSecret(withoutKeys.toLowerCase(), secrets)) return hiddenSegment;
  return withoutKeys === decoded ? segment : encodeSegment(withoutKeys);
}

/**
 * Undoes `%XX` escapes of ASCII characters (all a key is made of) until none is left, so a key
 * encoded several times is read back too. Each pass shortens the text, so this ends.
 */
function decodeAsciiEscapes(text: string): string {
  let current = text;
  for (;;) {
    const next = current.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    if (next === current) return current;
    current = next;
  }
}

/** Escapes what a segment cannot hold as it is (`/`, `?`, `%`, controls…); keeps the rest. */
function encodeSegment(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    out +=
      code > 0x7f || segmentCharacter.test(char)
        ? char
        : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
