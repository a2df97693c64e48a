/**
 * A cache that holds at most `capacity` entries and forgets the least recently used first,
 * near enough: entries live in two generations. Reads look in the young one, then the old one,
 * moving a hit found there into the young one; when the young one is full it becomes the old
 * one, and what was old is dropped. A busy entry is read from the young generation with a
 * single `Map.get` — a strict LRU would move it on every hit — and the cache never empties at
 * once, as the gateway's key cache did when it was cleared whole at 10,000 keys: with more
 * active keys than that, every request then paid a store query and an HMAC.
 */
export interface BoundedCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
  clear(): void;
  /** Entries held now (at most `capacity`). */
  readonly size: number;
}

/** Creates a cache of at most `capacity` entries (at least 2). */
export function createBoundedCache<K, V>(capacity: number): BoundedCache<K, V> {
  if (!Number.isInteger(capacity) || capacity < 2) {
    throw new Error('a bounded cache holds at least 2 entries');
  }
  const generation = Math.floor(capacity / 2);
  let young = new Map<K, V>();
  let old = new Map<K, V>();

  const promote = (key: K, value: V): void => {
    if (young.size >= generation) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
  };

  return {
    get(key) {
      const value = young.get(key);
      if (value !== undefined) return value;
      const aged = old.get(key);
      if (aged === undefined) return undefined;
      old.delete(key);
      promote(key, aged);
      return aged;
    },
    set(key, value) {
      if (young.has(key)) {
        young.set(key, value);
        return;
      }
      old.delete(key);
      promote(key, value);
    },
    delete(key) {
      young.delete(key);
      old.delete(key);
    },
    clear() {
      young = new Map();
      old = new Map();
    },
    get size() {
      return young.size + old.size;
    },
  };
}
