import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toAddressGroup } from '../../../gateway-stub/http/connection-limits.ts';

describe('connection limits', () => {
  it('count IPv4 addresses alone and IPv6 ones by their /64', () => {
    assert.equal(toAddressGroup('203.0.113.9'), '203.0.113.9');
    assert.equal(toAddressGroup('::ffff:203.0.113.9'), '203.0.113.9');
    assert.equal(toAddressGroup('2001:db8:1:2:aaaa::1'), '2001:0db8:0001:0002::/64');
    assert.equal(toAddressGroup('2001:db8:1:2::bbbb'), '2001:0db8:0001:0002::/64');
    assert.equal(toAddressGroup('::1'), '0000:0000:0000:0000::/64');
  });
});
