import { randomBytes } from 'node:crypto';

/**
 * Subscription keys look like `gk_` + 32 base64url characters (192 random bits). The first
 * eight characters after `gk_` form the display prefix (`gk_Ab3dEf9h`): shown in lists and
 * logs of the admin, and used to find the stored hash; the rest never leaves the response
 * that created the key.
 */
export const keyMarker = 'gk_';

const prefixLength = keyMarker.length + 8;
const keyPattern = /^gk_[A-Za-z0-9_-]{32}$/;

/** A new key and its display prefix. */
export interface NewKey {
  key: string;
  prefix: string;
}

/** Draws a fresh key from the system's random source. */
export function createKey(): NewKey {
  const key = `${keyMarker}${randomBytes(24).toString('base64url')}`;
  return { key, prefix: toKeyPrefix(key) };
}

/** True when a header value has the shape of a guichet key (it may still be unknown). */
export function isKeyShaped(value: string): boolean {
  return value.length === keyMarker.length + 32 && keyPattern.test(value);
}

/** The display prefix of a key (`gk_` and eight characters). */
export function toKeyPrefix(key: string): string {
  return key.slice(0, prefixLength);
}

/** True when a string is a display prefix (what an admin types to name a key). */
export function isKeyPrefix(value: string): boolean {
  return /^gk_[A-Za-z0-9_-]{8}$/.test(value);
}
