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

/**
 * True when `lowercased` holds twelve running characters of one of `secrets` (or a whole
 * shorter one): a secret cut at either end, or embedded in a longer text, is still found.
 */
export function holdsSecret(lowercased: string, secrets: readonly string[]): boolean {
  for (const secret of secrets) {
    const width = Math.min(run, secret.length);
    for (let at = 0; at + width <= secret.length; at += 1) {
      if (lowercased.includes(secret.slice(at, at + width))) return true;
    }
  }
  return false;
}
