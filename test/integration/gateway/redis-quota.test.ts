import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { startGatewayFleet, type GatewayFleet } from './helpers/start-gateway-fleet.ts';
import { processAdminHeaders } from './helpers/start-gateway-process.ts';
import { loadFixtureCatalog } from './helpers/start-test-gateway.ts';

/** The fixture API's free plan, as the catalog gives it to the gateways. */
async function readFreeLimit(): Promise<number> {
  const catalog = await loadFixtureCatalog();
  const plan = catalog.apis.find((api) => api.id === 'colis')?.plans.find((p) => p.name === 'free');
  assert.ok(plan, 'the fixture API colis has a free plan');
  return plan.requestsPerMinute;
}

/** Polls until `check` holds: a state to reach, whatever the machine's speed. */
async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 3_000; attempt += 1) {
    if (await check()) return;
    await sleep(10);
  }
  throw new Error(`never reached: ${what}`);
}

const call = async (baseUrl: string, key: string): Promise<Response> => {
  const response = await fetch(`${baseUrl}/colis/v2/parcels/AB1234`, {
    headers: { 'x-api-key': key },
  });
  await response.arrayBuffer();
  return response;
};

async function issueFreeKey(
  adminUrl: string,
  application: string,
): Promise<{ key: string; keyId: string }> {
  const response = await fetch(`${adminUrl}/keys`, {
    method: 'POST',
    headers: { ...processAdminHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ application, api: 'colis' }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as { key: string; keyId: string };
}

async function readMetric(adminUrl: string, name: string): Promise<number | undefined> {
  const response = await fetch(`${adminUrl}/metrics`, { headers: processAdminHeaders });
  const text = await response.text();
  const line = text.split('\n').find((item) => item.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('two gateways sharing one Redis and one PostgreSQL store', () => {
  let upstream: EchoUpstream;
  let redis: RedisServer;
  let fleet: GatewayFleet;
  let limit = 0;

  before(async () => {
    limit = await readFreeLimit();
    upstream = await startEchoUpstream();
    redis = await startRedisServer();
    const databaseUrl = await (await useTestPostgres()).createDatabase('redis_quota');
    fleet = await startGatewayFleet(2, upstream.url, {
      GUICHET_DATABASE_URL: databaseUrl,
      GUICHET_REDIS_URL: redis.url,
      // Far above any answer time here, so a busy machine never makes a gateway decide alone.
      GUICHET_REDIS_TIMEOUT_MS: '20000',
      GUICHET_MAX_CONNECTIONS_PER_ADDRESS: '2048',
    });
  });
  after(async () => {
    await fleet.close();
    await redis.stop();
    await upstream.close();
  });

  it('lets exactly the plan’s limit through of 500 concurrent calls on one free key spread over both', async () => {
    const [first, second] = fleet.gateways;
    assert.ok(first && second);
    const { key } = await issueFreeKey(first.adminUrl, 'Partagée');
    const responses = await Promise.all(
      Array.from({ length: 500 }, (_, index) =>
        call((index % 2 === 0 ? first : second).baseUrl, key),
      ),
    );
    const statuses = responses.map((response) => response.status);
    assert.equal(statuses.filter((status) => status === 200).length, limit);
    assert.equal(statuses.filter((status) => status === 429).length, 500 - limit);
    // Each gateway's headers say where the key stands in the one shared window.
    for (const response of responses.filter((item) => item.status === 429)) {
      assert.match(response.headers.get('ratelimit') ?? '', /^"free";r=0;t=(?:[1-9]|[1-5]\d|60)$/);
      assert.equal(response.headers.get('ratelimit-policy'), `"free";q=${String(limit)};w=60`);
      assert.match(response.headers.get('retry-after') ?? '', /^(?:[1-9]|[1-5]\d|60)$/);
    }
    const remaining = responses
      .filter((item) => item.status === 200)
      .map((item) => Number(/;r=(\d+);/.exec(item.headers.get('ratelimit') ?? '')?.[1]))
      .sort((a, b) => a - b);
    // Every allowed call saw its own place in the window: limit-1 down to 0, each once.
    assert.deepEqual(
      remaining,
      Array.from({ length: limit }, (_, index) => index),
    );
    for (const gateway of fleet.gateways) {
      assert.equal(await readMetric(gateway.adminUrl, 'guichet_gateway_quota_shared'), 1);
      assert.equal(
        await readMetric(gateway.adminUrl, 'guichet_gateway_quota_fallback_decisions_total'),
        0,
      );
    }
  });

  it('drops a key revoked on one gateway from the other, and prints the delay', async () => {
    const [first, second] = fleet.gateways;
    assert.ok(first && second);
    const { key, keyId } = await issueFreeKey(first.adminUrl, 'Révoquée');
    // The second gateway has the key in its cache.
    assert.equal((await call(second.baseUrl, key)).status, 200);
    const revoked = await fetch(`${first.adminUrl}/keys/${keyId}/revoke`, {
      method: 'POST',
      headers: processAdminHeaders,
    });
    assert.equal(revoked.status, 200);
    await revoked.arrayBuffer();
    const start = performance.now();
    await waitFor('the revocation seen by the other gateway', async () => {
      const status = (await call(second.baseUrl, key)).status;
      return status === 401 || status === 403;
    });
    console.log(
      `revocation on one gateway seen by the other after ${(performance.now() - start).toFixed(1)} ms (goal: within 1 s)`,
    );
  });
});
