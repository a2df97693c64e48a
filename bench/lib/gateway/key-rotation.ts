/** What a pool holds: keys (sent in `X-Api-Key`) or access tokens (`Authorization: Bearer`). */
export type CredentialKind = 'key' | 'token';

/** Hands out the credentials of a pool in turn, one per request. */
export interface KeyRotation {
  /** The request header they go in. */
  header: string;
  /** The next header value. */
  next(): string;
}

/**
 * Creates the rotation. It keeps its place from one slice of load to the next, so a credential
 * comes back only after every other one of the pool was sent: with a pool larger than the
 * gateway's caches, every request would meet one the caches no longer hold.
 */
export function createKeyRotation(
  credentials: readonly string[],
  kind: CredentialKind = 'key',
): KeyRotation {
  if (credentials.length === 0) throw new Error('a pool needs at least one key');
  // Header values are made once, not per request: the load process must not cost the measure.
  const values =
    kind === 'token' ? credentials.map((token) => `Bearer ${token}`) : [...credentials];
  let index = 0;
  return {
    header: kind === 'token' ? 'authorization' : 'x-api-key',
    next() {
      const value = values[index] as string;
      index = (index + 1) % values.length;
      return value;
    },
  };
}
