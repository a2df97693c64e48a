/**
 * Three gateways on three hosts: each in a network namespace of its own with its own address
 * (`ip netns`, a veth pair to one bridge), all on one PostgreSQL and one Redis (Debian's
 * servers, in the root namespace on the bridge's address) and one real mock server, the
 * clients spread over the three. One set-up for every case; the cases run in order, the host
 * killed last. Needs root and `ip netns`: without them it fails saying so, it never skips.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeSnapshot } from '../../catalog/index.ts';
import { secretFileName } from '../../gateway-stub/store/data-files.ts';
import { startPostgresCluster, type OwnPostgresCluster } from '../helpers/postgres-cluster.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { startSteadyLoad } from '../helpers/steady-load.ts';
import { waitFor } from '../helpers/wait-for.ts';
import {
  startMockProcess,
  type MockProcess,
} from '../integration/gateway/helpers/start-mock-process.ts';
import { loadFixtureCatalog } from '../integration/gateway/helpers/start-test-gateway.ts';
import {
  createHostNetwork,
  findMissingPrivileges,
  type HostNetwork,
} from './helpers/host-network.ts';
import {
  hostAdminHeaders,
  startHostGateway,
  type HostGateway,
} from './helpers/start-host-gateway.ts';

const apiPath = '/colis/v2/parcels/AB1234';

async function call(gateway: HostGateway, key: string): Promise<number> {
  const response = await fetch(`${gateway.baseUrl}${apiPath}`, { headers: { 'x-api-key': key } });
  await response.arrayBuffer();
  return response.status;
}

/** Issues a key through `gateway`'s admin API: the status, and the key when 201. */
async function issueKey(
  gateway: HostGateway,
  application: string,
  plan = 'free',
): Promise<{ status: number; key: string; keyId: string }> {
  const response = await fetch(`${gateway.adminUrl}/keys`, {
    method: 'POST',
    headers: { ...hostAdminHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ application, api: 'colis', plan }),
  });
  const body = (await response.json()) as { key?: string; keyId?: string };
  return { status: response.status, key: body.key ?? '', keyId: body.keyId ?? '' };
}

async function readMetric(gateway: HostGateway, name: string): Promise<number | undefined> {
  const response = await fetch(`${gateway.adminUrl}/metrics`, { headers: hostAdminHeaders });
  const line = (await response.text()).split('\n').find((item) => item.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('three gateways on three hosts, one PostgreSQL, one Redis', () => {
  const work = mkdtempSync(join(tmpdir(), 'guichet-multihost-'));
  let network: HostNetwork | undefined;
  let postgres: OwnPostgresCluster | undefined;
  let redis: RedisServer | undefined;
  let mock: MockProcess | undefined;
  let gateways: HostGateway[] = [];
  let limit = 0;

  const host = (index: number): HostGateway => {
    const gateway = gateways[index];
    assert.ok(gateway, `host ${String(index + 1)} runs a gateway`);
    return gateway;
  };

  before(async () => {
    const missing = findMissingPrivileges();
    if (missing !== undefined) throw new Error(missing);
    network = createHostNetwork(3);
    const bridge = network.bridgeAddress;
    postgres = await startPostgresCluster({ host: bridge, clientNetwork: network.network });
    const databaseUrl = await postgres.createDatabase('multihost');
    // On the bridge's address, reached by the hosts only (protected mode off: no password).
    redis = await startRedisServer({ host: bridge });
    const redisUrl = redis.url;
    const catalog = await loadFixtureCatalog();
    limit =
      catalog.apis.find((api) => api.id === 'colis')?.plans.find((plan) => plan.name === 'free')
        ?.requestsPerMinute ?? 0;
    const snapshot = join(work, 'catalog.json');
    await writeSnapshot(catalog, snapshot);
    // Reached from the namespaces over the bridge, and by its own readiness check on loopback.
    mock = await startMockProcess(snapshot, apiPath, { MOCK_HOST: '0.0.0.0' });
    const mockUrl = `http://${bridge}:${new URL(mock.url).port}`;
    const secret = randomBytes(32).toString('base64url');
    for (const [index, namespaceHost] of network.hosts.entries()) {
      const dataDir = join(work, `host-${String(index + 1)}`);
      mkdirSync(dataDir);
      // Every instance on one database needs the same secret: it hashes the keys.
      writeFileSync(join(dataDir, secretFileName), secret, { mode: 0o600 });
      const gateway = startHostGateway(namespaceHost, dataDir, {
        GUICHET_SANDBOX_SNAPSHOT: snapshot,
        GUICHET_UPSTREAM_URL: mockUrl,
        GUICHET_DATABASE_URL: databaseUrl,
        GUICHET_REDIS_URL: redisUrl,
        // Host 3 refuses calls while Redis cannot decide; hosts 1 and 2 count alone meanwhile.
        GUICHET_REDIS_FAILURE: index === 2 ? 'fail-closed' : 'fail-open',
        // Far above an answer on this shared machine: a slow answer must not look like an outage.
        GUICHET_REDIS_TIMEOUT_MS: '5000',
        GUICHET_MAX_CONNECTIONS_PER_ADDRESS: '2048',
        GUICHET_TRIAL_KEYS_PER_HOUR: '100000',
      });
      gateways.push(gateway);
      // One after the other: the first applies the schema, the others find it done.
      await gateway.ready();
    }
  });

  after(async () => {
    // Whatever the set-up reached, so a failed case leaves no process or namespace behind.
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    gateways = [];
    await mock?.stop();
    await redis?.stop();
    try {
      postgres?.stop();
    } catch {
      // Stopped by a failed case already: its folder goes below.
    }
    network?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('lets exactly the plan’s limit through of 500 concurrent calls on one free key spread over the three', async () => {
    const { key } = await issueKey(host(0), 'Partagée');
    const statuses = await Promise.all(
      Array.from({ length: 500 }, (_, index) => call(host(index % 3), key)),
    );
    const passed = statuses.filter((status) => status === 200).length;
    console.log(
      `exact quota: ${String(passed)} of 500 calls passed over three hosts (plan: ${String(limit)})`,
    );
    assert.equal(passed, limit);
    assert.equal(statuses.filter((status) => status === 429).length, 500 - limit);
    for (const gateway of gateways) {
      assert.equal(await readMetric(gateway, 'guichet_gateway_quota_shared'), 1);
    }
  });

  it('sees a key revoked on one host refused by the other two', async () => {
    const { key, keyId } = await issueKey(host(0), 'Révoquée');
    assert.deepEqual([await call(host(1), key), await call(host(2), key)], [200, 200]);
    const revoked = await fetch(`${host(0).adminUrl}/keys/${keyId}/revoke`, {
      method: 'POST',
      headers: hostAdminHeaders,
    });
    assert.equal(revoked.status, 200);
    await revoked.arrayBuffer();
    const start = performance.now();
    const seenAfter: number[] = [];
    await Promise.all(
      [host(1), host(2)].map((gateway) =>
        waitFor(
          `the revocation seen on ${gateway.host.namespace}`,
          async () => {
            const status = await call(gateway, key);
            if (status !== 401 && status !== 403) return false;
            seenAfter.push(performance.now() - start);
            return true;
          },
          5,
        ),
      ),
    );
    console.log(
      `revocation on host 1 seen by hosts 2 and 3 after ${seenAfter.map((ms) => `${ms.toFixed(0)} ms`).join(' and ')} (goal: within 1 s)`,
    );
  });

  it('goes on deciding while Redis is stopped, by each host’s policy, and shares the count again once it is back', async () => {
    assert.ok(redis);
    const { key } = await issueKey(host(1), 'Continue', 'premium');
    const loads = gateways.map((gateway, index) =>
      startSteadyLoad(
        3,
        () => fetch(`${gateway.baseUrl}${apiPath}`, { headers: { 'x-api-key': key } }),
        // fail-closed on host 3: a 503 while Redis is away is its policy, not a failure.
        (status) => status === 200 || (index === 2 && status === 503),
      ),
    );
    await waitFor('the load reaches every host', () => loads.every((load) => load.answered() > 20));
    const { host: redisHost, port } = redis;
    await redis.stop();
    redis = undefined;
    for (const gateway of gateways) {
      await waitFor(
        `${gateway.host.namespace} decides without Redis`,
        async () => (await readMetric(gateway, 'guichet_gateway_quota_shared')) === 0,
      );
    }
    const marks = loads.map((load) => load.answered());
    await waitFor('decisions keep coming on every host', () =>
      loads.every((load, index) => load.answered() > (marks[index] ?? 0) + 30),
    );
    // What a call takes with Redis away, for the record (the goal for the decision is 50 ms).
    const timings: number[] = [];
    for (let n = 0; n < 20; n += 1) {
      const started = performance.now();
      assert.equal(await call(host(0), key), 200);
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    redis = await startRedisServer({ host: redisHost, port });
    for (const gateway of gateways) {
      await waitFor(
        `${gateway.host.namespace} counts in Redis again`,
        async () => (await readMetric(gateway, 'guichet_gateway_quota_shared')) === 1,
      );
    }
    const outcomes = await Promise.all(loads.map((load) => load.stop()));
    for (const outcome of outcomes) assert.deepEqual(outcome.unexpected, []);
    assert.ok((outcomes[2]?.statuses['503'] ?? 0) > 0, 'host 3 refused calls (fail-closed)');
    const alone = await readMetric(host(0), 'guichet_gateway_quota_fallback_decisions_total');
    assert.ok((alone ?? 0) > 0, 'host 1 counted alone (fail-open)');
    assert.ok(((await readMetric(host(2), 'guichet_gateway_quota_unavailable_total')) ?? 0) > 0);
    console.log(
      `Redis away: ${outcomes.map((outcome, index) => `host ${String(index + 1)} ${JSON.stringify(outcome.statuses)}`).join('; ')}; a call through host 1 took ${timings[9]?.toFixed(1) ?? '?'} ms (median), ${timings[19]?.toFixed(1) ?? '?'} ms (slowest of 20), round trip to the mock server included, beside the 9 clients loading the hosts`,
    );
    const fresh = await issueKey(host(2), 'Après Redis');
    const statuses = await Promise.all(
      Array.from({ length: 150 }, (_, index) => call(host(index % 3), fresh.key)),
    );
    assert.equal(statuses.filter((status) => status === 200).length, limit);
  });

  it('keeps serving the keys it has seen while PostgreSQL is stopped, answers writes 503, and recovers', async () => {
    assert.ok(postgres);
    const seen = await issueKey(host(0), 'Vue');
    const unseen = await issueKey(host(0), 'Jamais vue');
    for (const gateway of gateways) assert.equal(await call(gateway, seen.key), 200);
    postgres.stopServer();
    try {
      for (const gateway of gateways) {
        assert.equal(
          await call(gateway, seen.key),
          200,
          `${gateway.host.namespace} serves a seen key`,
        );
        assert.equal((await issueKey(gateway, 'Pendant')).status, 503);
      }
      assert.equal(await call(host(1), unseen.key), 503, 'a first use needs the store');
    } finally {
      postgres.startServer();
    }
    for (const gateway of gateways) {
      await waitFor(
        `${gateway.host.namespace} writes again`,
        async () => (await issueKey(gateway, 'Après')).status === 201,
      );
    }
    assert.equal(await call(host(1), unseen.key), 200);
  });

  it('loses no acknowledged write when one host is killed under load, and the others keep serving', async () => {
    const { key } = await issueKey(host(1), 'Survivante', 'premium');
    const survivors = [host(1), host(2)].map((gateway) =>
      startSteadyLoad(3, () =>
        fetch(`${gateway.baseUrl}${apiPath}`, { headers: { 'x-api-key': key } }),
      ),
    );
    const acknowledged: string[] = [];
    let refused = 0;
    const victim = host(0);
    // Trial keys asked of host 1 until it is gone: each 201 is a write it acknowledged.
    const askers = Array.from({ length: 4 }, async (_, client) => {
      for (let n = 0; ; n += 1) {
        try {
          const response = await fetch(`${victim.baseUrl}/_guichet/trial-keys`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              application: `Essai ${String(client)}-${String(n)}`,
              email: 'essai@example.org',
              api: 'colis',
              acceptTerms: true,
            }),
          });
          const body = (await response.json()) as { key?: string };
          if (response.status === 201 && body.key !== undefined) acknowledged.push(body.key);
          else refused += 1;
        } catch {
          return;
        }
      }
    });
    await waitFor('host 1 acknowledged trial keys', () => acknowledged.length >= 30);
    await victim.kill();
    await Promise.all(askers);
    const marks = survivors.map((load) => load.answered());
    await waitFor('hosts 2 and 3 keep serving', () =>
      survivors.every((load, index) => load.answered() > (marks[index] ?? 0) + 50),
    );
    const outcomes = await Promise.all(survivors.map((load) => load.stop()));
    for (const outcome of outcomes) assert.deepEqual(outcome.unexpected, []);
    const statuses = await Promise.all(
      acknowledged.map((trialKey, index) => call(host(1 + (index % 2)), trialKey)),
    );
    console.log(
      `kill -9 of host 1: ${String(acknowledged.length)} trial keys it acknowledged, ${String(statuses.filter((status) => status === 200).length)} of them working on hosts 2 and 3; ${String(outcomes.reduce((sum, outcome) => sum + outcome.answered, 0))} calls to hosts 2 and 3 meanwhile, none failed`,
    );
    assert.equal(refused, 0);
    assert.deepEqual(statuses, Array(acknowledged.length).fill(200));
  });
});
