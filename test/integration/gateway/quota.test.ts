import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Agent, fetch as fetchWith } from 'undici';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { issueKey, startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

describe('quotas', () => {
  let upstream: EchoUpstream;
  let test: TestGateway;
  // One connection per client: 200 clients really are 200 sockets at once.
  const clients = new Agent({ connections: 256, pipelining: 1 });

  before(async () => {
    upstream = await startEchoUpstream();
    test = await startTestGateway(upstream.url);
  });
  after(async () => {
    await clients.close();
    await test.close();
    await upstream.close();
  });

  it('lets exactly the plan through under 200 concurrent clients, not one request over', async () => {
    const { key } = await issueKey(test);
    const seenBefore = upstream.seen.length;
    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetchWith(`${test.baseUrl}/colis/v2/parcels/AB1234`, {
          headers: { 'x-api-key': key },
          dispatcher: clients,
        }),
      ),
    );
    await Promise.all(responses.map((response) => response.arrayBuffer()));
    const passed = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status === 429);
    assert.equal(passed.length, 50);
    assert.equal(refused.length, 150);
    assert.equal(upstream.seen.length - seenBefore, 50);

    // Each allowed request saw a different remaining count: 49 down to 0.
    const remaining = passed
      .map((response) => /;r=(\d+);/.exec(response.headers.get('ratelimit') ?? '')?.[1])
      .map(Number);
    assert.deepEqual(
      remaining.sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, index) => index),
    );
    for (const response of [...passed, ...refused]) {
      assert.equal(response.headers.get('ratelimit-policy'), '"free";q=50;w=60');
      assert.match(response.headers.get('ratelimit') ?? '', /^"free";r=\d+;t=(?:[1-5]?\d|60)$/);
    }
    for (const response of refused) {
      assert.match(response.headers.get('ratelimit') ?? '', /^"free";r=0;t=/);
      const retryAfter = Number(response.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
    }
    const problem = (await fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, {
      headers: { 'x-api-key': key },
    }).then((response) => response.json())) as { type: string };
    assert.equal(problem.type, '/problems/quota-exceeded');
  });

  it('counts per key and per API, and applies a plan change at once', async () => {
    const spent = await issueKey(test);
    const fresh = await issueKey(test);
    for (let index = 0; index < 50; index += 1) {
      await fetch(`${test.baseUrl}/colis/v2/x`, { headers: { 'x-api-key': spent.key } }).then(
        (response) => response.arrayBuffer(),
      );
    }
    const refused = await fetch(`${test.baseUrl}/colis/v2/x`, {
      headers: { 'x-api-key': spent.key },
    });
    assert.equal(refused.status, 429);
    const other = await fetch(`${test.baseUrl}/colis/v2/x`, {
      headers: { 'x-api-key': fresh.key },
    });
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('ratelimit'), '"free";r=49;t=60');

    const moved = await fetch(`${test.adminUrl}/keys/${spent.keyId}/plan`, {
      method: 'POST',
      headers: { ...test.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ plan: 'premium' }),
    });
    assert.equal(moved.status, 200);
    const premium = await fetch(`${test.baseUrl}/colis/v2/x`, {
      headers: { 'x-api-key': spent.key },
    });
    assert.equal(premium.status, 200);
    assert.equal(premium.headers.get('ratelimit-policy'), '"premium";q=100000;w=60');
    assert.match(premium.headers.get('ratelimit') ?? '', /^"premium";r=99949;t=\d+$/);
  });

  it('counts quota refusals in the metrics', async () => {
    const text = await fetch(`${test.adminUrl}/metrics`, { headers: test.admin }).then((response) =>
      response.text(),
    );
    assert.match(text, /^guichet_gateway_quota_refusals_total\{api="colis",plan="free"\} 152$/m);
    assert.match(
      text,
      /^guichet_gateway_requests_total\{api="colis",version="v2",status="429"\} 152$/m,
    );
  });
});
