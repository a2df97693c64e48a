import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anonymizeAddress } from '../../../gateway-stub/observe/anonymize-address.ts';

describe('anonymizeAddress', () => {
  it('zeroes the last IPv4 octet, IPv4-mapped addresses included', () => {
    assert.equal(anonymizeAddress('203.0.113.77'), '203.0.113.0');
    assert.equal(anonymizeAddress('::ffff:198.51.100.9'), '198.51.100.0');
  });

  it('keeps the first 48 bits of an IPv6 address', () => {
    assert.equal(anonymizeAddress('2001:db8:85a3:8d3:1319:8a2e:370:7348'), '2001:db8:85a3::');
    assert.equal(anonymizeAddress('2001:db8::1'), '2001:db8:0::');
    assert.equal(anonymizeAddress('::1'), '0:0:0::');
    assert.equal(anonymizeAddress('fe80::1%eth0'), 'fe80:0:0::');
  });

  it('returns nothing for what is not an address', () => {
    assert.equal(anonymizeAddress(''), '');
    assert.equal(anonymizeAddress('localhost'), '');
  });
});
