import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expiryInputSchema,
  isPastExpiry,
  latestExpiryMs,
  toExpiryInstant,
} from '../../../gateway-stub/keys/expiry.ts';

describe('subscription end dates', () => {
  it('reads stored end dates as instants, the unreadable ones as already passed', () => {
    assert.equal(toExpiryInstant(null), Infinity);
    assert.equal(toExpiryInstant('+099999-01-01T00:00:00.000Z'), Date.UTC(99_999, 0, 1));
    assert.equal(toExpiryInstant('not a date'), -Infinity);
    const now = Date.UTC(2026, 5, 1);
    assert.equal(isPastExpiry('+099999-01-01T00:00:00.000Z', now), false);
    assert.equal(isPastExpiry('2026-06-01T00:00:00.000Z', now), true);
    assert.equal(isPastExpiry(null, now), false);
  });

  it('accepts a day or a date-time with an offset, up to the end of year 9999', () => {
    assert.equal(expiryInputSchema.parse('9999-12-31'), '9999-12-31T00:00:00.000Z');
    assert.equal(
      expiryInputSchema.parse('9999-12-31T23:59:59.999Z'),
      new Date(latestExpiryMs).toISOString(),
    );
    assert.equal(expiryInputSchema.parse('3000-01-01T02:00:00+02:00'), '3000-01-01T00:00:00.000Z');
    for (const value of [
      '99999-01-01',
      '+099999-01-01',
      '9999-12-31T23:30:00-01:00',
      '2000-01-01',
      '3000-02-30',
      '3000-01-01T00:00:00',
    ]) {
      assert.equal(expiryInputSchema.safeParse(value).success, false, value);
    }
  });
});
