/**
 * X-Forwarded-For sent to the gateway to dodge what it counts per client (trial keys, the
 * per-address connection cap): from a peer it does not trust the header is ignored; behind
 * proxies it trusts (`GUICHET_TRUSTED_PROXIES`) the client is the right-most entry that is not
 * one of them, whatever a client wrote to its left. Real gateway, real sockets.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseGatewayEnv } from '../../gateway-stub/server-env.ts';
import { openIdleSockets } from '../integration/gateway/helpers/open-idle-sockets.ts';
import {
  startEchoUpstream,
  type EchoUpstream,
} from '../integration/gateway/helpers/start-echo-upstream.ts';
import {
  startTestGateway,
  type TestGateway,
} from '../integration/gateway/helpers/start-test-gateway.ts';

let upstream: EchoUpstream;
let direct: TestGateway;
let proxied: TestGateway;

before(async () => {
  upstream = await startEchoUpstream();
  direct = await startTestGateway(upstream.url, {
    trialKeysPerHour: 1,
    maxConnectionsPerAddress: 2,
  });
  proxied = await startTestGateway(upstream.url, {
    trialKeysPerHour: 1,
    maxConnectionsPerAddress: 2,
    trustedProxies: ['127.0.0.0/8', '10.0.0.1'],
  });
});

after(async () => {
  await direct.close();
  await proxied.close();
  await upstream.close();
});

/** Asks `gateway` for a trial key with this X-Forwarded-For; returns the status. */
async function askTrialKey(gateway: TestGateway, forwardedFor?: string): Promise<number> {
  const response = await fetch(`${gateway.baseUrl}/_guichet/trial-keys`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
    },
    body: JSON.stringify({
      application: 'Relais',
      email: 'relais@example.org',
      api: 'colis',
      acceptTerms: true,
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('a gateway trusting no proxy (the default)', () => {
  test('a forged X-Forwarded-For from its peer is ignored: a new address per request counts as one', async () => {
    assert.equal(await askTrialKey(direct, '198.51.100.1'), 201);
    assert.equal(await askTrialKey(direct, '198.51.100.2'), 429);
    assert.equal(await askTrialKey(direct), 429);
  });
});

describe('a gateway behind proxies it trusts (127.0.0.0/8, 10.0.0.1)', () => {
  test('two clients behind the proxy count apart', async () => {
    assert.equal(await askTrialKey(proxied, '203.0.113.1'), 201);
    assert.equal(await askTrialKey(proxied, '203.0.113.2'), 201);
    assert.equal(await askTrialKey(proxied, '203.0.113.1'), 429);
  });

  test('spoofed entries to the left of the proxy’s own count for nothing', async () => {
    assert.equal(await askTrialKey(proxied, '192.0.2.7, 203.0.113.50'), 201);
    assert.equal(await askTrialKey(proxied, '192.0.2.8, 203.0.113.50'), 429);
    assert.equal(await askTrialKey(proxied, '203.0.113.50'), 429);
  });

  test('trusted hops on the right are skipped to the client before them', async () => {
    assert.equal(await askTrialKey(proxied, '203.0.113.60, 10.0.0.1'), 201);
    assert.equal(await askTrialKey(proxied, '203.0.113.60'), 429);
  });

  test('an IPv6 client is counted by its /64 behind the proxy too', async () => {
    assert.equal(await askTrialKey(proxied, '2001:db8:1:2::1'), 201);
    assert.equal(await askTrialKey(proxied, '2001:db8:1:2::ffff'), 429);
  });

  test('an entry that is no address counts as the proxy itself, not as a new client', async () => {
    assert.equal(await askTrialKey(proxied, 'not-an-address'), 201);
    assert.equal(await askTrialKey(proxied, 'still-not, <script>'), 429);
    assert.equal(await askTrialKey(proxied), 429);
  });

  test('the per-address connection cap does not count every client as the proxy', async () => {
    const throughProxy = await openIdleSockets(proxied.baseUrl, '127.0.0.9', 4);
    const fromClient = await openIdleSockets(direct.baseUrl, '127.0.0.9', 3);
    try {
      // The direct gateway refuses its third connection from one address at once.
      assert.match(String(await fromClient.closed[2]), /^HTTP\/1\.1 429 /);
      // The proxy's connections are all kept: a request on the last one is answered.
      const last = throughProxy.sockets[3];
      assert.ok(last !== undefined);
      last.write('GET /_guichet/health HTTP/1.1\r\nhost: sandbox\r\nconnection: close\r\n\r\n');
      assert.match(String(await throughProxy.closed[3]), /^HTTP\/1\.1 200 /);
    } finally {
      throughProxy.destroy();
      fromClient.destroy();
    }
  });
});

describe('GUICHET_TRUSTED_PROXIES', () => {
  test('a list of addresses and networks is read', () => {
    const parsed = parseGatewayEnv({
      GUICHET_TRUSTED_PROXIES: ' 10.0.0.1, 192.168.0.0/16 ,::1,fd00::/8',
    });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.settings.options.trustedProxies, [
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
    ]);
  });

  for (const value of ['everyone', '10.0.0.0/33', '*', '0.0.0.0/0x', 'fd00::/129']) {
    test(`${JSON.stringify(value)} stops the start, naming the variable`, () => {
      const parsed = parseGatewayEnv({ GUICHET_TRUSTED_PROXIES: value });
      assert.ok(!parsed.ok);
      assert.equal(parsed.problems.length, 1);
      assert.match(
        parsed.problems[0] ?? '',
        /^GUICHET_TRUSTED_PROXIES — .+ — fix or unset this variable$/,
      );
    });
  }
});
