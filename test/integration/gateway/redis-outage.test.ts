import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import type { GatewayProcess } from './helpers/start-gateway-process.ts';
import {
  callColis as call,
  issueFreeKey,
  readFreeLimit,
  readMetric,
  useRedisFleet,
} from './helpers/redis-fleet.ts';

/** Calls `key` in turn on `gateway` `count` times; returns how many passed. */
async function countPassed(gateway: GatewayProcess, key: string, count: number): Promise<number> {
  let passed = 0;
  for (let index = 0; index < count; index += 1) {
    if ((await call(gateway, key)).status === 200) passed += 1;
  }
  return passed;
}

let limit = 0;
let upstream: EchoUpstream;
before(async () => {
  limit = await readFreeLimit();
  upstream = await startEchoUpstream();
});
after(async () => {
  await upstream.close();
});

describe('Redis stopped under load, then restarted (fail-open, the default)', () => {
  const running = useRedisFleet(
    2,
    () => upstream.url,
    async () => ({
      GUICHET_DATABASE_URL: await (await useTestPostgres()).createDatabase('redis_outage'),
      GUICHET_REDIS_TIMEOUT_MS: '20000',
      GUICHET_MAX_CONNECTIONS_PER_ADDRESS: '2048',
    }),
  );

  it('decides every call meanwhile, each gateway within its own limits, and shares again once Redis is back', async () => {
    const [first, second] = running.gateways;
    assert.ok(first && second);
    const loaded = (await issueFreeKey(first, 'Panne')).key;
    const statuses: number[] = [];
    let stopping = false;
    const worker = async (index: number): Promise<void> => {
      while (!stopping)
        statuses.push((await call(index % 2 === 0 ? first : second, loaded)).status);
    };
    const workers = Array.from({ length: 8 }, (_, index) => worker(index));
    await waitFor('calls under way', () => Promise.resolve(statuses.length >= 20));
    await running.redis.stop();
    await waitFor('both gateways deciding alone', async () => {
      const alone = await Promise.all(
        running.gateways.map((gateway) =>
          readMetric(gateway, 'guichet_gateway_quota_fallback_decisions_total'),
        ),
      );
      return alone.every((count) => (count ?? 0) > 0);
    });
    stopping = true;
    await Promise.all(workers);
    assert.deepEqual(
      statuses.filter((status) => status !== 200 && status !== 429),
      [],
      'every call under load got a decision: passed or refused for its quota',
    );
    for (const gateway of running.gateways) {
      assert.equal(await readMetric(gateway, 'guichet_gateway_quota_shared'), 0);
    }
    // Redis away: each gateway lets a fresh key make its plan's calls, and no more.
    const fresh = (await issueFreeKey(first, 'Panne')).key;
    assert.equal(await countPassed(first, fresh, limit + 5), limit);
    assert.equal(await countPassed(second, fresh, limit + 5), limit);

    await running.redis.restart();
    await waitFor('both gateways counting in Redis again', async () => {
      const shared = await Promise.all(
        running.gateways.map((gateway) => readMetric(gateway, 'guichet_gateway_quota_shared')),
      );
      return shared.every((value) => value === 1);
    });
    const after = (await issueFreeKey(second, 'Panne')).key;
    const responses = await Promise.all(
      Array.from({ length: 500 }, (_, index) => call(index % 2 === 0 ? first : second, after)),
    );
    assert.equal(responses.filter((response) => response.status === 200).length, limit);
  });
});

describe('Redis stopped, then restarted (fail-closed)', () => {
  const running = useRedisFleet(
    1,
    () => upstream.url,
    () => ({ GUICHET_DATABASE_URL: '', GUICHET_REDIS_FAILURE: 'fail-closed' }),
  );

  it('answers the 503 quota-unavailable problem with Retry-After, then passes again', async () => {
    const [gateway] = running.gateways;
    assert.ok(gateway);
    const key = (await issueFreeKey(gateway, 'Panne')).key;
    assert.equal((await call(gateway, key)).status, 200);
    await running.redis.stop();
    const response = await fetch(`${gateway.baseUrl}/colis/v2/parcels/AB1234`, {
      headers: { 'x-api-key': key },
    });
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    assert.equal(response.headers.get('retry-after'), '1');
    const text = await response.text();
    const problem = JSON.parse(text) as { type: string; status: number };
    assert.equal(problem.type, '/problems/quota-unavailable');
    assert.equal(problem.status, 503);
    assert.doesNotMatch(text, /redis|127\.0\.0\.1|ECONNREFUSED|\n\s+at /i);
    assert.ok(((await readMetric(gateway, 'guichet_gateway_quota_unavailable_total')) ?? 0) >= 1);
    await running.redis.restart();
    await waitFor(
      'calls counted in Redis again',
      async () => (await call(gateway, key)).status === 200,
    );
  });
});

describe('Redis frozen (slow), then going on', () => {
  // The default timeout: what a deployment gets.
  const running = useRedisFleet(
    1,
    () => upstream.url,
    () => ({ GUICHET_DATABASE_URL: '' }),
  );

  it('decides calls without it, and shares again once it answers', async () => {
    const [gateway] = running.gateways;
    assert.ok(gateway);
    const key = (await issueFreeKey(gateway, 'Panne')).key;
    assert.equal((await call(gateway, key)).status, 200);
    running.redis.freeze();
    try {
      const start = performance.now();
      assert.equal((await call(gateway, key)).status, 200);
      const first = performance.now() - start;
      const next = performance.now();
      assert.equal((await call(gateway, key)).status, 200);
      console.log(
        `Redis frozen: the first call answered in ${first.toFixed(1)} ms (timeout 40 ms), the next in ${(performance.now() - next).toFixed(1)} ms (decided alone at once)`,
      );
      assert.ok(
        ((await readMetric(gateway, 'guichet_gateway_quota_fallback_decisions_total')) ?? 0) >= 2,
      );
    } finally {
      running.redis.thaw();
    }
    await waitFor(
      'counting in Redis again',
      async () => (await readMetric(gateway, 'guichet_gateway_quota_shared')) === 1,
    );
  });
});
