import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSpread, median, pairRatios } from '../../../bench/lib/stats.ts';

describe("the benches' statistics", () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  it('divides each run by the baseline run of its own round', () => {
    assert.deepEqual(pairRatios([2, 3, 4], [1, 2, 2]), [2, 1.5, 2]);
    assert.throws(() => pairRatios([1, 2], [1]), /as many runs/);
  });

  it('prints a median with its spread', () => {
    assert.equal(formatSpread([1.1, 0.9, 1.0, 1.3], 2), '1.05 (0.90–1.30)');
  });
});
