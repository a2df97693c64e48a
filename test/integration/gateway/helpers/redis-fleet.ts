import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startRedisServer, type RedisServer } from '../../../helpers/redis-server.ts';
import { startGatewayFleet, type GatewayFleet } from './start-gateway-fleet.ts';
import { processAdminHeaders, type GatewayProcess } from './start-gateway-process.ts';
import { loadFixtureCatalog } from './start-test-gateway.ts';

/** A Redis of the suite's own and gateway processes counting their quotas in it. */
export interface RedisFleet {
  redis: RedisServer;
  fleet: GatewayFleet;
  /** The fleet's gateways, as many as asked for. */
  gateways: GatewayProcess[];
}

/**
 * In the `describe` that calls it: before its cases, a redis-server and `count` gateways on
 * it (`GUICHET_REDIS_URL`) with `env` (read then: a database may have to be created first);
 * after them, both stopped. Read the returned object inside the cases.
 */
export function useRedisFleet(
  count: number,
  upstreamUrl: () => string,
  env: () => Promise<Record<string, string>> | Record<string, string>,
): RedisFleet {
  const started = {} as RedisFleet;
  before(async () => {
    started.redis = await startRedisServer();
    started.fleet = await startGatewayFleet(count, upstreamUrl(), {
      ...(await env()),
      GUICHET_REDIS_URL: started.redis.url,
    });
    started.gateways = started.fleet.gateways;
  });
  after(async () => {
    await started.fleet.close();
    await started.redis.stop();
  });
  return started;
}

/** The fixture API's free plan's calls a minute, as the catalog gives it to the gateways. */
export async function readFreeLimit(): Promise<number> {
  const catalog = await loadFixtureCatalog();
  const plan = catalog.apis.find((api) => api.id === 'colis')?.plans.find((p) => p.name === 'free');
  assert.ok(plan, 'the fixture API colis has a free plan');
  return plan.requestsPerMinute;
}

/** One call of the fixture API with `key`, its body read. */
export async function callColis(gateway: GatewayProcess, key: string): Promise<Response> {
  const response = await fetch(`${gateway.baseUrl}/colis/v2/parcels/AB1234`, {
    headers: { 'x-api-key': key },
  });
  await response.arrayBuffer();
  return response;
}

/** A key on the fixture API's free plan, issued through `gateway`'s admin API. */
export async function issueFreeKey(
  gateway: GatewayProcess,
  application: string,
): Promise<{ key: string; keyId: string }> {
  const response = await fetch(`${gateway.adminUrl}/keys`, {
    method: 'POST',
    headers: { ...processAdminHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ application, api: 'colis' }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as { key: string; keyId: string };
}

/** A figure of `gateway`'s `/metrics`, `undefined` when it has no such line. */
export async function readMetric(
  gateway: GatewayProcess,
  name: string,
): Promise<number | undefined> {
  const text = await (
    await fetch(`${gateway.adminUrl}/metrics`, { headers: processAdminHeaders })
  ).text();
  const line = text.split('\n').find((item) => item.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}
