import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addStatuses,
  formatStatuses,
  findVoidReason,
  networkError,
} from '../../../bench/lib/gateway/statuses.ts';

describe("the gateway bench's status check", () => {
  it('lets a slice stand when every answer has the expected status', () => {
    assert.equal(findVoidReason('gateway', 'c=32', { 200: 41_230 }, 200), undefined);
  });

  it('voids a slice with any other status, naming the contender, the load and the statuses', () => {
    assert.equal(
      findVoidReason('gateway', 'c=32', { 200: 41_230, 429: 3 }, 200),
      'gateway at c=32 answered 429×3 beside 200×41230 (expected 200 only)',
    );
  });

  it('voids a slice whose requests failed at the network level', () => {
    assert.equal(
      findVoidReason('bare proxy', 'c=1', { 200: 10, [networkError]: 2 }, 200),
      'bare proxy at c=1 answered network error×2 beside 200×10 (expected 200 only)',
    );
  });

  it('voids a slice with no answer at all', () => {
    assert.equal(
      findVoidReason('direct', '3000/s', {}, 200),
      'direct at 3000/s received no answer (expected 200 only)',
    );
  });

  it('adds tallies up per contender and prints them', () => {
    const total = {};
    addStatuses(total, { 200: 5, 502: 1 });
    addStatuses(total, { 200: 7 });
    assert.deepEqual(total, { 200: 12, 502: 1 });
    assert.equal(formatStatuses(total), '200×12 502×1');
    assert.equal(formatStatuses({}), 'none');
  });
});
