import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toRequestId } from '../../../gateway-stub/http/request-id.ts';
import {
  toRateLimitHeader,
  toRateLimitPolicyHeader,
} from '../../../gateway-stub/quota/ratelimit-headers.ts';
import {
  toDeprecationHeader,
  toSunsetHeader,
} from '../../../gateway-stub/routing/lifecycle-headers.ts';

describe('header values', () => {
  it('writes Deprecation as an RFC 9745 date and Sunset as an HTTP-date', () => {
    assert.equal(toDeprecationHeader('2025-01-31'), '@1738281600');
    assert.equal(toSunsetHeader('2026-06-30'), 'Tue, 30 Jun 2026 00:00:00 GMT');
    assert.throws(() => toSunsetHeader('30/06/2026'), /YYYY-MM-DD/);
  });

  it('writes the RateLimit fields as structured-field lists', () => {
    assert.equal(toRateLimitPolicyHeader('free', 100, 60), '"free";q=100;w=60');
    assert.equal(toRateLimitHeader('free', 42, 17), '"free";r=42;t=17');
  });

  it('keeps a well-formed X-Request-ID and replaces any other', () => {
    assert.equal(toRequestId('order-42:retry.1_A'), 'order-42:retry.1_A');
    const generated = /^[0-9a-f]{12}-[0-9a-z]+$/;
    for (const bad of [undefined, '', 'a b', 'x'.repeat(129), 'é', ['a', 'b']]) {
      assert.match(toRequestId(bad), generated);
    }
    assert.equal(toRequestId('x'.repeat(128)), 'x'.repeat(128));
    assert.notEqual(toRequestId(undefined), toRequestId(undefined));
  });
});
