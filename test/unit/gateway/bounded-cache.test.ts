import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBoundedCache } from '../../../gateway-stub/cache/bounded-cache.ts';

describe('the bounded cache of keys, clients and tokens', () => {
  it('never holds more than its capacity, and never empties at once', () => {
    const cache = createBoundedCache<number, number>(1_000);
    for (let index = 0; index < 10_000; index += 1) {
      cache.set(index, index);
      assert.ok(cache.size <= 1_000);
    }
    // The cache cleared whole at its limit held nothing right after; this one keeps the recent half.
    assert.ok(cache.size >= 500);
    assert.equal(cache.get(9_999), 9_999);
    assert.equal(cache.get(0), undefined);
  });

  it('keeps an entry read often while others stream through', () => {
    const cache = createBoundedCache<string, string>(100);
    cache.set('busy', 'key');
    for (let index = 0; index < 5_000; index += 1) {
      cache.set(`cold-${String(index)}`, 'x');
      assert.equal(cache.get('busy'), 'key', `lost after ${String(index)} others`);
    }
  });

  it('forgets an entry on delete and everything on clear', () => {
    const cache = createBoundedCache<string, number>(10);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.delete('a');
    assert.equal(cache.get('a'), undefined);
    cache.clear();
    assert.equal(cache.size, 0);
    assert.throws(() => createBoundedCache(1), /at least 2 entries/);
  });

  // A sandbox with 100,000 active keys sends them in turn: with the young generation capped at
  // half the capacity, each turn dropped the old one whole, and 40–65 % of the keys were looked
  // up and checked again each time round, though all of them fitted.
  it('keeps every entry of a working set as large as its capacity, read in turn', () => {
    const capacity = 1_000;
    const cache = createBoundedCache<number, number>(capacity);
    for (let index = 0; index < capacity; index += 1) cache.set(index, index);
    for (let turn = 0; turn < 3; turn += 1) {
      for (let index = 0; index < capacity; index += 1) {
        assert.equal(cache.get(index), index, `lost ${String(index)} in turn ${String(turn)}`);
      }
    }
    assert.equal(cache.size, capacity);
  });

  it('forgets the least recently read first once full', () => {
    const cache = createBoundedCache<number, number>(4);
    for (let index = 0; index < 4; index += 1) cache.set(index, index);
    assert.equal(cache.get(0), 0);
    cache.set(4, 4);
    cache.set(5, 5);
    assert.equal(cache.size, 4);
    assert.equal(cache.get(0), 0, 'read again, so kept');
    assert.equal(cache.get(1), undefined);
    assert.equal(cache.get(2), undefined);
    assert.equal(cache.get(5), 5);
  });
});
