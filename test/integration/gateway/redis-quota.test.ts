import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { processAdminHeaders } from './helpers/start-gateway-process.ts';
import {
  callColis as call,
  issueFreeKey,
  readFreeLimit,
  readMetric,
  useRedisFleet,
} from './helpers/redis-fleet.ts';

describe('two gateways sharing one Redis and one PostgreSQL store', () => {
  let upstream: EchoUpstream;
  let limit = 0;
  before(async () => {
    limit = await readFreeLimit();
    upstream = await startEchoUpstream();
  });
  after(async () => {
    await upstream.close();
  });
  const running = useRedisFleet(
    2,
    () => upstream.url,
    async () => ({
      GUICHET_DATABASE_URL: await (await useTestPostgres()).createDatabase('redis_quota'),
      // Far above any answer time here, so a busy machine never makes a gateway decide alone.
      GUICHET_REDIS_TIMEOUT_MS: '20000',
      GUICHET_MAX_CONNECTIONS_PER_ADDRESS: '2048',
    }),
  );

  it('lets exactly the plan’s limit through of 500 concurrent calls on one free key spread over both', async () => {
    const [first, second] = running.gateways;
    assert.ok(first && second);
    const { key } = await issueFreeKey(first, 'Partagée');
    const responses = await Promise.all(
      Array.from({ length: 500 }, (_, index) => call(index % 2 === 0 ? first : second, key)),
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
    for (const gateway of running.gateways) {
      assert.equal(await readMetric(gateway, 'guichet_gateway_quota_shared'), 1);
      assert.equal(await readMetric(gateway, 'guichet_gateway_quota_fallback_decisions_total'), 0);
    }
  });

  it('drops a key revoked on one gateway from the other, and prints the delay', async () => {
    const [first, second] = running.gateways;
    assert.ok(first && second);
    const { key, keyId } = await issueFreeKey(first, 'Révoquée');
    // The second gateway has the key in its cache.
    assert.equal((await call(second, key)).status, 200);
    const revoked = await fetch(`${first.adminUrl}/keys/${keyId}/revoke`, {
      method: 'POST',
      headers: processAdminHeaders,
    });
    assert.equal(revoked.status, 200);
    await revoked.arrayBuffer();
    const start = performance.now();
    await waitFor('the revocation seen by the other gateway', async () => {
      const status = (await call(second, key)).status;
      return status === 401 || status === 403;
    });
    console.log(
      `revocation on one gateway seen by the other after ${(performance.now() - start).toFixed(1)} ms (goal: within 1 s)`,
    );
  });
});
