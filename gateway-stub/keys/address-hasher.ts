import type { KeyHasher } from './key-hasher.ts';

/**
 * Client networks as keyed hashes, for what reaches the store (anonymous quota windows): the
 * store keeps no address. The most recent ones are remembered, as most traffic comes from few.
 */
export function createAddressHasher(hasher: KeyHasher): (network: string) => string {
  const recent = new Map<string, string>();
  return (network) => {
    let hashed = recent.get(network);
    if (hashed === undefined) {
      if (recent.size >= 1_000) recent.clear();
      hashed = hasher.hashKey(network).toString('base64url');
      recent.set(network, hashed);
    }
    return hashed;
  };
}
