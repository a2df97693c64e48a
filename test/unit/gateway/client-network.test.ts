import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toClientNetwork } from '../../../gateway-stub/http/client-address.ts';

describe('toClientNetwork, what the trial-key limit counts a client by', () => {
  it('counts an IPv4 client by its address', () => {
    assert.equal(toClientNetwork('203.0.113.9'), '203.0.113.9');
    assert.notEqual(toClientNetwork('203.0.113.9'), toClientNetwork('203.0.113.10'));
  });

  it('counts an IPv4 address carried in IPv6 as that IPv4 address, in either spelling', () => {
    assert.equal(toClientNetwork('::ffff:203.0.113.9'), '203.0.113.9');
    assert.equal(toClientNetwork('::ffff:cb00:7109'), '203.0.113.9');
    assert.equal(toClientNetwork('0:0:0:0:0:ffff:203.0.113.9'), '203.0.113.9');
  });

  it('counts an IPv6 client by its /64: one subscriber line holds the whole of it', () => {
    const network = '2001:db8:1:2::/64';
    for (const address of [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0db8:0001:0002:0000:0000:0000:0099',
      '2001:DB8:1:2::abcd',
      '2001:db8:1:2::7%eth0',
    ]) {
      assert.equal(toClientNetwork(address), network, address);
    }
    assert.equal(toClientNetwork('2001:db8:1:3::1'), '2001:db8:1:3::/64');
    assert.equal(toClientNetwork('::1'), '0:0:0:0::/64');
    assert.equal(toClientNetwork('2001:db8::'), '2001:db8:0:0::/64');
  });

  it('leaves what is not an address as it is', () => {
    assert.equal(toClientNetwork(''), '');
    assert.equal(toClientNetwork('localhost'), 'localhost');
  });
});
