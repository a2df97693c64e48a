import { randomBytes } from 'node:crypto';

/**
 * An application's OAuth 2.0 client credentials: a public client id, `gc_` and 16 base64url
 * characters (96 random bits), and a secret, `gs_` and 32 (192 bits) shown once, of which the
 * store keeps only a keyed hash, as of keys.
 */
export const clientIdMarker = 'gc_';
/** What every client secret starts with: a secret pasted into a log is recognised and hidden. */
export const clientSecretMarker = 'gs_';

const clientIdPattern = /^gc_[A-Za-z0-9_-]{16}$/;
const clientSecretPattern = /^gs_[A-Za-z0-9_-]{32}$/;

/** Draws a fresh client id. */
export function createClientId(): string {
  return `${clientIdMarker}${randomBytes(12).toString('base64url')}`;
}

/** Draws a fresh client secret. */
export function createClientSecret(): string {
  return `${clientSecretMarker}${randomBytes(24).toString('base64url')}`;
}

/** True when a value has the shape of a client id (it may still be unknown). */
export function isClientIdShaped(value: string): boolean {
  return value.length === 19 && clientIdPattern.test(value);
}

/** True when a value has the shape of a client secret. */
export function isClientSecretShaped(value: string): boolean {
  return value.length === 35 && clientSecretPattern.test(value);
}
