/** Hands out the keys of a pool in turn, one per request. */
export interface KeyRotation {
  next(): string;
}

/**
 * Creates the rotation. It keeps its place from one slice of load to the next, so a key comes
 * back only after every other key of the pool was sent: with a pool larger than the
 * gateway's key cache, every request then meets a key the cache no longer holds.
 */
export function createKeyRotation(keys: readonly string[]): KeyRotation {
  if (keys.length === 0) throw new Error('a pool needs at least one key');
  let index = 0;
  return {
    next() {
      const key = keys[index] as string;
      index = (index + 1) % keys.length;
      return key;
    },
  };
}
