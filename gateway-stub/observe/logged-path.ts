import { clientSecretMarker } from '../clients/client-format.ts';
import { keyMarker } from '../keys/key-format.ts';

/**
 * A key or a client secret, or what is left of one from its display prefix on, and a JWT (an
 * access token: `eyJ` is `{"` in base64url): replaced whole in the log.
 */
const keyRun = new RegExp(
  `(${keyMarker}|${clientSecretMarker})[A-Za-z0-9_-]{8,}|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*)?`,
  'g',
);
const toHidden = (_run: string, marker: string | undefined): string =>
  marker === undefined ? '(hidden token)' : `${marker}(hidden)`;
/** What makes a segment worth a closer look. */
const suspect = [keyMarker, clientSecretMarker, 'eyJ'];
/** Characters a path segment holds as they are (RFC 3986 `pchar`, less `%`). */
const segmentCharacter = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;

/**
 * The path of a request as the access log writes it: without the query string, which could
 * carry anything a client put there, and with any key, client secret or token a client pasted
 * into it hidden — also
 * when it was percent-encoded, in part or whole, once or several times (`%67k_…`, `gk%5F…`,
 * `%2567k_…`), since a reader of the log would decode it. Segments that hold no key stay as
 * they were sent; one that does is written decoded, keys hidden, and encoded again.
 */
export function toLoggedPath(url: string): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  // Most paths hold neither a key's marker nor an escape: they are logged as they are.
  if (!path.includes('%') && !suspect.some((marker) => path.includes(marker))) return path;
  return path.split('/').map(toLoggedSegment).join('/');
}

function toLoggedSegment(segment: string): string {
  if (!segment.includes('%') && !suspect.some((marker) => segment.includes(marker))) return segment;
  const decoded = decodeAsciiEscapes(segment);
  keyRun.lastIndex = 0;
  if (!keyRun.test(decoded)) return segment;
  return encodeSegment(decoded.replace(keyRun, toHidden));
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
