/**
 * A cache that holds at most `capacity` entries and forgets the least recently used first,
 * near enough: one `Map`, whose order of insertion is the order of use, the oldest evicted
 * first once it is full. A hit on an entry used within the last `capacity / 2` insertions is a
 * single `Map.get`; only an older one is moved to the end (deleted and set again), so a busy
 * entry is not moved on every hit, as a strict LRU would. An entry is thus forgotten only when
 * it was not read while half the capacity of others came in, and a working set as large as the
 * capacity stays whole: the two generations this replaced dropped the older half at once, and
 * 100,000 keys sent in turn to a 131,072-key cache missed 40–65 % of the time. It never
 * empties at once either, as the gateway's key cache did when it was cleared whole at 10,000
 * keys: with more active keys than that, every request then paid a store query and an HMAC.
 */
export interface BoundedCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
  clear(): void;
  /** Entries held now (at most `capacity`). */
  readonly size: number;
}

interface Entry<V> {
  value: V;
  /** When the entry was last put at the end of the order, in insertions. */
  stamp: number;
}

/** Creates a cache of at most `capacity` entries (at least 2). */
export function createBoundedCache<K, V>(capacity: number): BoundedCache<K, V> {
  if (!Number.isInteger(capacity) || capacity < 2) {
    throw new Error('a bounded cache holds at least 2 entries');
  }
  const recent = Math.floor(capacity / 2);
  let entries = new Map<K, Entry<V>>();
  let clock = 0;

  const append = (key: K, entry: Entry<V>): void => {
    clock += 1;
    entry.stamp = clock;
    entries.set(key, entry);
    if (entries.size > capacity) {
      const oldest = entries.keys().next();
      if (oldest.done !== true) entries.delete(oldest.value);
    }
  };

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (clock - entry.stamp >= recent) {
        entries.delete(key);
        append(key, entry);
      }
      return entry.value;
    },
    set(key, value) {
      const entry = entries.get(key);
      if (entry !== undefined) {
        entry.value = value;
        if (clock - entry.stamp < recent) return;
        entries.delete(key);
        append(key, entry);
        return;
      }
      append(key, { value, stamp: 0 });
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries = new Map();
    },
    get size() {
      return entries.size;
    },
  };
}
