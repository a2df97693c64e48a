import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { startGatewayFleet, type GatewayFleet } from './helpers/start-gateway-fleet.ts';
import { processAdminHeaders, type GatewayProcess } from './helpers/start-gateway-process.ts';
import { loadFixtureCatalog } from './helpers/start-test-gateway.ts';

/** Polls until `check` holds: a state to reach, whatever the machine's speed. */
async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 3_000; attempt += 1) {
    if (await check()) return;
    await sleep(10);
  }
  throw new Error(`never reached: ${what}`);
}

const call = async (gateway: GatewayProcess, key: string): Promise<Response> => {
  const response = await fetch(`${gateway.baseUrl}/colis/v2/parcels/AB1234`, {
    headers: { 'x-api-key': key },
  });
  await response.arrayBuffer();
  return response;
};

async function issueFreeKey(gateway: GatewayProcess): Promise<string> {
  const response = await fetch(`${gateway.adminUrl}/keys`, {
    method: 'POST',
    headers: { ...processAdminHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ application: 'Panne', api: 'colis' }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { key: string }).key;
}

async function readMetric(gateway: GatewayProcess, name: string): Promise<number> {
  const text = await (
    await fetch(`${gateway.adminUrl}/metrics`, { headers: processAdminHeaders })
  ).text();
  const line = text.split('\n').find((item) => item.startsWith(`${name} `));
  return Number(line?.slice(name.length + 1));
}

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
  const catalog = await loadFixtureCatalog();
  const plan = catalog.apis.find((api) => api.id === 'colis')?.plans.find((p) => p.name === 'free');
  limit = plan?.requestsPerMinute ?? 0;
  upstream = await startEchoUpstream();
});
after(async () => {
  await upstream.close();
});

describe('Redis stopped under load, then restarted (fail-open, the default)', () => {
  let redis: RedisServer;
  let fleet: GatewayFleet;
  before(async () => {
    redis = await startRedisServer();
    fleet = await startGatewayFleet(2, upstream.url, {
      GUICHET_DATABASE_URL: await (await useTestPostgres()).createDatabase('redis_outage'),
      GUICHET_REDIS_URL: redis.url,
      GUICHET_REDIS_TIMEOUT_MS: '20000',
      GUICHET_MAX_CONNECTIONS_PER_ADDRESS: '2048',
    });
  });
  after(async () => {
    await fleet.close();
    await redis.stop();
  });

  it('decides every call meanwhile, each gateway within its own limits, and shares again once Redis is back', async () => {
    const [first, second] = fleet.gateways;
    assert.ok(first && second);
    const loaded = await issueFreeKey(first);
    const statuses: number[] = [];
    let stopping = false;
    const worker = async (index: number): Promise<void> => {
      while (!stopping)
        statuses.push((await call(index % 2 === 0 ? first : second, loaded)).status);
    };
    const workers = Array.from({ length: 8 }, (_, index) => worker(index));
    await waitFor('calls under way', () => Promise.resolve(statuses.length >= 20));
    await redis.stop();
    await waitFor('both gateways deciding alone', async () => {
      const alone = await Promise.all(
        fleet.gateways.map((gateway) =>
          readMetric(gateway, 'guichet_gateway_quota_fallback_decisions_total'),
        ),
      );
      return alone.every((count) => count > 0);
    });
    stopping = true;
    await Promise.all(workers);
    assert.deepEqual(
      statuses.filter((status) => status !== 200 && status !== 429),
      [],
      'every call under load got a decision: passed or refused for its quota',
    );
    for (const gateway of fleet.gateways) {
      assert.equal(await readMetric(gateway, 'guichet_gateway_quota_shared'), 0);
    }
    // Redis away: each gateway lets a fresh key make its plan's calls, and no more.
    const fresh = await issueFreeKey(first);
    assert.equal(await countPassed(first, fresh, limit + 5), limit);
    assert.equal(await countPassed(second, fresh, limit + 5), limit);

    await redis.restart();
    await waitFor('both gateways counting in Redis again', async () => {
      const shared = await Promise.all(
        fleet.gateways.map((gateway) => readMetric(gateway, 'guichet_gateway_quota_shared')),
      );
      return shared.every((value) => value === 1);
    });
    const after = await issueFreeKey(second);
    const responses = await Promise.all(
      Array.from({ length: 500 }, (_, index) => call(index % 2 === 0 ? first : second, after)),
    );
    assert.equal(responses.filter((response) => response.status === 200).length, limit);
  });
});

describe('Redis stopped, then restarted (fail-closed)', () => {
  let redis: RedisServer;
  let fleet: GatewayFleet;
  before(async () => {
    redis = await startRedisServer();
    fleet = await startGatewayFleet(1, upstream.url, {
      GUICHET_DATABASE_URL: '',
      GUICHET_REDIS_URL: redis.url,
      GUICHET_REDIS_FAILURE: 'fail-closed',
    });
  });
  after(async () => {
    await fleet.close();
    await redis.stop();
  });

  it('answers the 503 quota-unavailable problem with Retry-After, then passes again', async () => {
    const [gateway] = fleet.gateways;
    assert.ok(gateway);
    const key = await issueFreeKey(gateway);
    assert.equal((await call(gateway, key)).status, 200);
    await redis.stop();
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
    assert.ok((await readMetric(gateway, 'guichet_gateway_quota_unavailable_total')) >= 1);
    await redis.restart();
    await waitFor(
      'calls counted in Redis again',
      async () => (await call(gateway, key)).status === 200,
    );
  });
});

describe('Redis frozen (slow), then going on', () => {
  let redis: RedisServer;
  let fleet: GatewayFleet;
  before(async () => {
    redis = await startRedisServer();
    // The default timeout: what a deployment gets.
    fleet = await startGatewayFleet(1, upstream.url, {
      GUICHET_DATABASE_URL: '',
      GUICHET_REDIS_URL: redis.url,
    });
  });
  after(async () => {
    await fleet.close();
    await redis.stop();
  });

  it('decides calls without it, and shares again once it answers', async () => {
    const [gateway] = fleet.gateways;
    assert.ok(gateway);
    const key = await issueFreeKey(gateway);
    assert.equal((await call(gateway, key)).status, 200);
    redis.freeze();
    try {
      const start = performance.now();
      assert.equal((await call(gateway, key)).status, 200);
      const first = performance.now() - start;
      const next = performance.now();
      assert.equal((await call(gateway, key)).status, 200);
      console.log(
        `Redis frozen: the first call answered in ${first.toFixed(1)} ms (timeout 40 ms), the next in ${(performance.now() - next).toFixed(1)} ms (decided alone at once)`,
      );
      assert.ok((await readMetric(gateway, 'guichet_gateway_quota_fallback_decisions_total')) >= 2);
    } finally {
      redis.thaw();
    }
    await waitFor(
      'counting in Redis again',
      async () => (await readMetric(gateway, 'guichet_gateway_quota_shared')) === 1,
    );
  });
});
