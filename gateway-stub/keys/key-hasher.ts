import { hash, timingSafeEqual } from 'node:crypto';

/** Keyed hashing of subscription keys with the server's secret. */
export interface KeyHasher {
  /** HMAC-SHA256 of a key under the server secret: what the store keeps instead of the key. */
  hashKey(key: string): Buffer;
  /** Compares a presented key with a stored hash in constant time. */
  matches(key: string, storedHash: Uint8Array): boolean;
}

const blockSize = 64;
/** Keys are 35 characters; anything longer takes the slower path. */
const maxKeyBytes = 64;

/**
 * Creates the hasher for a server secret. The HMAC (RFC 2104) is assembled from two one-shot
 * SHA-256 digests over pads computed once: on this path that costs about 1.6 µs a key against
 * about 10 µs for a `createHmac` object per request, and gives the same bytes.
 */
export function createKeyHasher(secret: Uint8Array): KeyHasher {
  if (secret.length < 32) throw new Error('the server secret must hold at least 32 bytes');
  const block =
    secret.length > blockSize
      ? hash('sha256', secret, 'buffer')
      : Buffer.from(secret.buffer, secret.byteOffset, secret.length);
  const innerPad = Buffer.alloc(blockSize, 0x36);
  const outerPad = Buffer.alloc(blockSize, 0x5c);
  for (let index = 0; index < block.length; index += 1) {
    innerPad[index] = (block[index] ?? 0) ^ 0x36;
    outerPad[index] = (block[index] ?? 0) ^ 0x5c;
  }
  // Reused buffers, pads in front: hashing a key allocates only the two digests.
  const innerInput = Buffer.alloc(blockSize + maxKeyBytes);
  innerPad.copy(innerInput);
  const outerInput = Buffer.alloc(blockSize + 32);
  outerPad.copy(outerInput);
  const hashKey = (key: string): Buffer => {
    const length = innerInput.write(key, blockSize, 'latin1');
    if (length < key.length) return hashLongKey(key);
    hash('sha256', innerInput.subarray(0, blockSize + length), 'buffer').copy(
      outerInput,
      blockSize,
    );
    return hash('sha256', outerInput, 'buffer');
  };
  const hashLongKey = (key: string): Buffer => {
    const inner = hash('sha256', Buffer.concat([innerPad, Buffer.from(key, 'latin1')]), 'buffer');
    return hash('sha256', Buffer.concat([outerPad, inner]), 'buffer');
  };
  return {
    hashKey,
    matches(key, storedHash) {
      const candidate = hashKey(key);
      return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash);
    },
  };
}
