import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { getFrom, openIdleSockets } from './helpers/open-idle-sockets.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { issueKey, startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

describe('connection limits', () => {
  let upstream: EchoUpstream;
  let test: TestGateway;
  let key: string;
  const path = '/colis/v2/parcels/AB1234';

  before(async () => {
    upstream = await startEchoUpstream();
    test = await startTestGateway(upstream.url, {
      maxConnectionsPerAddress: 5,
      maxConnections: 8,
      headersTimeoutMs: 60_000,
    });
    key = (await issueKey(test)).key;
  });
  after(async () => {
    await test.close();
    await upstream.close();
  });

  it('refuses connections past the cap of one address, and serves the others', async () => {
    const idle = await openIdleSockets(test.baseUrl, '127.0.0.2', 5);
    try {
      const refused = await getFrom(`${test.baseUrl}${path}`, '127.0.0.2', { 'x-api-key': key });
      assert.ok('status' in refused, JSON.stringify(refused));
      assert.equal(refused.status, 429);
      const problem = JSON.parse(refused.body) as { type: string; detail: string };
      assert.equal(problem.type, '/problems/too-many-connections');
      assert.match(problem.detail, /5 connexions/);
      const other = await getFrom(`${test.baseUrl}${path}`, '127.0.0.3', { 'x-api-key': key });
      assert.deepEqual('status' in other ? other.status : other, 200);

      // A connection closed frees its place for the same address.
      idle.sockets[0]?.destroy();
      for (;;) {
        const again = await getFrom(`${test.baseUrl}${path}`, '127.0.0.2', { 'x-api-key': key });
        if ('status' in again && again.status === 200) break;
        await sleep(20);
      }
    } finally {
      idle.destroy();
    }
  });

  it('drops connections past the overall cap, counting them in /metrics', async () => {
    const first = await openIdleSockets(test.baseUrl, '127.0.0.2', 5);
    const second = await openIdleSockets(test.baseUrl, '127.0.0.4', 3);
    try {
      const dropped = await getFrom(`${test.baseUrl}${path}`, '127.0.0.3', { 'x-api-key': key });
      assert.ok('error' in dropped, JSON.stringify(dropped));
    } finally {
      first.destroy();
      second.destroy();
    }
    const metrics = await (await fetch(`${test.adminUrl}/metrics`, { headers: test.admin })).text();
    assert.match(metrics, /^guichet_gateway_connections_refused_total\{reason="total"\} 1$/m);
    assert.match(
      metrics,
      /^guichet_gateway_connections_refused_total\{reason="address"\} [1-9]\d*$/m,
    );
  });
});

describe('connection timeouts', () => {
  let test: TestGateway;
  before(async () => {
    test = await startTestGateway('http://127.0.0.1:9', { headersTimeoutMs: 300 });
  });
  after(async () => {
    await test.close();
  });

  it('closes a connection that sends no request, with a 408 problem', async () => {
    const idle = await openIdleSockets(test.baseUrl, '127.0.0.5', 1);
    const received = await idle.closed[0];
    assert.match(received ?? '', /^HTTP\/1\.1 408 /);
    assert.match(received ?? '', /"type":"\/problems\/request-timeout"/);
  });
});
