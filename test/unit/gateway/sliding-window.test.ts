import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSlidingWindow } from '../../../gateway-stub/quota/sliding-window.ts';

describe('sliding window', () => {
  it('allows exactly the limit, then refuses without counting refusals', () => {
    const window = createSlidingWindow(60_000);
    const results = Array.from({ length: 8 }, () => window.take('sub', 5, 1_000).allowed);
    assert.deepEqual(results, [true, true, true, true, true, false, false, false]);
  });

  it('counts remaining requests and the seconds until the oldest leaves the window', () => {
    const window = createSlidingWindow(60_000);
    assert.deepEqual(
      { ...window.take('sub', 3, 0) },
      { allowed: true, remaining: 2, resetSeconds: 60 },
    );
    assert.deepEqual(
      { ...window.take('sub', 3, 20_500) },
      { allowed: true, remaining: 1, resetSeconds: 40 },
    );
    window.take('sub', 3, 30_000);
    assert.deepEqual(
      { ...window.take('sub', 3, 45_000) },
      { allowed: false, remaining: 0, resetSeconds: 15 },
    );
  });

  it('never announces a reset beyond the window, whatever the clock reading', () => {
    const window = createSlidingWindow(60_000);
    // A monotonic clock reads fractions of a millisecond; adding and taking away the window
    // must not round 60 s up to 61.
    for (const now of [12_345.678901, 987_654.321, 0.1 + 0.2, 1e9 + 0.7]) {
      assert.equal(window.take(`sub-${String(now)}`, 3, now).resetSeconds, 60);
    }
  });

  it('gives no second quota across a window boundary', () => {
    const window = createSlidingWindow(60_000);
    // Spend the quota late in one minute: early in the next, nothing is left.
    for (let index = 0; index < 4; index += 1)
      assert.equal(window.take('sub', 4, 59_000).allowed, true);
    assert.equal(window.take('sub', 4, 61_000).allowed, false);
    assert.equal(window.take('sub', 4, 118_999).allowed, false);
    assert.equal(window.take('sub', 4, 119_000).allowed, true);
  });

  it('keeps subjects apart and grows past its first ring size', () => {
    const window = createSlidingWindow(1_000);
    let allowed = 0;
    for (let index = 0; index < 1_200; index += 1)
      if (window.take('busy', 1_000, 10).allowed) allowed += 1;
    assert.equal(allowed, 1_000);
    assert.equal(window.take('quiet', 1, 10).allowed, true);
    assert.equal(window.take('quiet', 1, 10).allowed, false);
  });

  it('applies a lower limit at once when a plan changes', () => {
    const window = createSlidingWindow(60_000);
    for (let index = 0; index < 10; index += 1) window.take('sub', 100, 0);
    assert.equal(window.take('sub', 5, 1).allowed, false);
  });

  it('forgets subjects idle for a whole window', () => {
    const window = createSlidingWindow(1_000);
    window.take('a', 1, 0);
    window.take('b', 1, 900);
    window.sweep(1_500);
    assert.equal(window.size, 1);
  });
});

describe('sliding window across a restart', () => {
  it('reads the counted times and restores them into a new window, which goes on counting', () => {
    const before = createSlidingWindow(60_000);
    for (let at = 1_000; at <= 5_000; at += 1_000) before.take('sub', 5, at);
    before.take('other', 5, 2_000);
    assert.deepEqual([...before.takeChanged()].sort(), ['other', 'sub']);
    assert.deepEqual([...before.takeChanged()], []);
    // The next process's clock starts elsewhere: the times are shifted, not copied.
    const shift = -40_000;
    const after = createSlidingWindow(60_000);
    after.restore(
      'sub',
      before.read('sub', 30_000).map((stamp) => stamp + shift),
      30_000 + shift,
    );
    assert.equal(after.take('sub', 5, 30_000 + shift).allowed, false);
    assert.equal(after.take('sub', 5, 61_001 + shift).allowed, true);
    // Times already out of the window are not restored.
    after.restore('old', [0, 1], 70_000);
    assert.equal(after.read('old', 70_000).length, 0);
  });

  it("copies the counted times into a caller's array, and says how many there are", () => {
    const window = createSlidingWindow(60_000);
    for (let at = 1_000; at <= 12_000; at += 1_000) window.take('sub', 100, at);
    const roomy = new Float64Array(16);
    // The ring wrapped past its first size (8): the copy is still oldest first.
    assert.equal(window.readInto('sub', 62_500, roomy), 10);
    assert.deepEqual([...roomy.subarray(0, 10)], window.read('sub', 62_500));
    assert.deepEqual(
      [...roomy.subarray(0, 10)],
      [3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000, 10_000, 11_000, 12_000],
    );
    // Too short: it copies what fits and says how long an array the times need.
    const short = new Float64Array(4);
    assert.equal(window.readInto('sub', 62_500, short), 10);
    assert.deepEqual([...short], [3_000, 4_000, 5_000, 6_000]);
    assert.equal(window.readInto('nobody', 62_500, short), 0);
  });
});
