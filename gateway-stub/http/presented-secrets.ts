import type { IncomingHttpHeaders } from 'node:http';
import { isKeyShaped, toKeyPrefix } from '../keys/key-format.ts';

/** Shorter credentials are no secret worth hiding; longer ones are matched by runs of this many. */
const shortest = 8;
const run = 12;

/**
 * The secret parts of the credentials a request presents, in lowercase: what must never reach
 * the access log nor come back in an echoed request id, in whatever case or place a client
 * copies them. Of a guichet key, what follows its display prefix (`gk_` and eight characters,
 * which the log may show); of `Authorization`, the credentials after the scheme.
 */
export function listPresentedSecrets(headers: IncomingHttpHeaders): string[] {
  const secrets: string[] = [];
  const key = headers['x-api-key'];
  if (typeof key === 'string') {
    secrets.push(isKeyShaped(key) ? key.slice(toKeyPrefix(key).length) : key.trim());
  }
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    secrets.push(authorization.trim().replace(/^\S+\s+/, ''));
  }
  return secrets
    .filter((secret) => secret.length >= shortest)
    .map((secret) => secret.toLowerCase());
}

/** A secret this long or shorter (a key's: some 30 characters) is searched run by run. */
const shortSecret = 64;
/** Buckets of the bitmap of a text's runs (a power of two). */
const bucketBits = 12;
const multiplier = 0x01000193;
/** Spreads a hash's low bits into the high ones a bucket is read from. */
const spread = 0x9e3779b1 | 0;

/**
 * True when `lowercased` holds twelve running characters of one of `secrets` (or a whole
 * shorter one): a secret cut at either end, or embedded in a longer text, is still found.
 *
 * It runs on every request, for the request id and the logged path, and an access token is some
 * 700 characters: cutting each of its runs out and looking for it (700 strings, 700 searches)
 * cost tens of microseconds a request. So every run of the text is hashed, rolling, into a
 * bitmap of 4,096 bits, and each run of the secret, hashed the same way, is looked up in it; only
 * a run whose bit is set is compared for real. Equal runs hash alike, so nothing is missed.
 * A key, short, is searched run by run, which costs it less.
 */
export function holdsSecret(lowercased: string, secrets: readonly string[]): boolean {
  let bitmap: Uint32Array | undefined;
  let bitmapWidth = 0;
  for (const secret of secrets) {
    const width = Math.min(run, secret.length);
    if (lowercased.length < width) continue;
    if (secret.length <= shortSecret) {
      for (let at = 0; at + width <= secret.length; at += 1) {
        if (lowercased.includes(secret.slice(at, at + width))) return true;
      }
      continue;
    }
    if (bitmap === undefined || bitmapWidth !== width) {
      bitmap = markRuns(lowercased, width, bitmap);
      bitmapWidth = width;
    }
    const top = power(width);
    let hash = 0;
    for (let at = 0; at < secret.length; at += 1) {
      if (at >= width) hash = (hash - Math.imul(secret.charCodeAt(at - width), top)) | 0;
      hash = (Math.imul(hash, multiplier) + secret.charCodeAt(at)) | 0;
      if (at + 1 < width) continue;
      const bucket = Math.imul(hash, spread) >>> (32 - bucketBits);
      if (((bitmap[bucket >>> 5] ?? 0) & (1 << (bucket & 31))) === 0) continue;
      if (lowercased.includes(secret.slice(at + 1 - width, at + 1))) return true;
    }
  }
  return false;
}

/** The bitmap of the hashes of every run of `width` characters of `text`. */
function markRuns(text: string, width: number, reused: Uint32Array | undefined): Uint32Array {
  const bitmap = reused ?? new Uint32Array((1 << bucketBits) / 32);
  bitmap.fill(0);
  const top = power(width);
  let hash = 0;
  for (let at = 0; at < text.length; at += 1) {
    if (at >= width) hash = (hash - Math.imul(text.charCodeAt(at - width), top)) | 0;
    hash = (Math.imul(hash, multiplier) + text.charCodeAt(at)) | 0;
    if (at + 1 < width) continue;
    const bucket = Math.imul(hash, spread) >>> (32 - bucketBits);
    bitmap[bucket >>> 5] = (bitmap[bucket >>> 5] ?? 0) | (1 << (bucket & 31));
  }
  return bitmap;
}

/** `multiplier` to the power `width − 1`, modulo 2³²: the weight of a run's first character. */
function power(width: number): number {
  let value = 1;
  for (let index = 1; index < width; index += 1) value = Math.imul(value, multiplier);
  return value;
}
