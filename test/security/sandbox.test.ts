/**
 * Hostile inputs to the running sandbox that aim at its resources and its promises rather than
 * its parsing: dates built to confuse a comparison, connection floods, a second gateway on a
 * store already served. Each runs through the real gateway on real sockets and a real store.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, test } from 'node:test';
import { writeSnapshot } from '../../catalog/index.ts';
import { runKeysCli } from '../integration/gateway/helpers/run-keys-cli.ts';
import {
  startEchoUpstream,
  type EchoUpstream,
} from '../integration/gateway/helpers/start-echo-upstream.ts';
import { getFrom, openIdleSockets } from '../integration/gateway/helpers/open-idle-sockets.ts';
import { startGatewayProcess } from '../integration/gateway/helpers/start-gateway-process.ts';
import {
  issueKey,
  loadFixtureCatalog,
  startTestGateway,
  type TestGateway,
} from '../integration/gateway/helpers/start-test-gateway.ts';

describe('end dates built to confuse a comparison', () => {
  let upstream: EchoUpstream;
  let gateway: TestGateway;
  before(async () => {
    upstream = await startEchoUpstream();
    gateway = await startTestGateway(upstream.url);
    await writeSnapshot(await loadFixtureCatalog(), join(gateway.dataDir, 'catalog.json'));
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('expiresAt "99999-01-01" through the admin API', async () => {
    const response = await fetch(`${gateway.adminUrl}/keys`, {
      method: 'POST',
      headers: { ...gateway.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ application: 'Forever', api: 'colis', expiresAt: '99999-01-01' }),
    });
    const problem = (await response.json()) as { type: string; errors: { pointer: string }[] };
    assert.equal(response.status, 400);
    assert.equal(problem.type, '/problems/invalid-request');
    assert.deepEqual(
      problem.errors.map((error) => error.pointer),
      ['#/expiresAt'],
    );
  });

  test('--expires 99999-01-01 through npm run keys', async () => {
    const run = await runKeysCli(gateway.dataDir, [
      'create',
      '--app',
      'Forever',
      '--api',
      'colis',
      '--expires',
      '99999-01-01',
    ]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^keys: end date "99999-01-01" must be an end date after now and no later than 9999-12-31/m,
    );
    const list = await fetch(`${gateway.adminUrl}/keys`, { headers: gateway.admin });
    assert.deepEqual(((await list.json()) as { keys: unknown[] }).keys, []);
  });
});

describe('connection floods', () => {
  let upstream: EchoUpstream;
  let gateway: TestGateway;
  before(async () => {
    upstream = await startEchoUpstream();
    // The caps are small so the flood is too; by default they are 256 an address, 4096 in all.
    gateway = await startTestGateway(upstream.url, {
      maxConnectionsPerAddress: 20,
      headersTimeoutMs: 60_000,
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  test('30 idle connections from one address, then a call from another', async () => {
    const { key } = await issueKey(gateway);
    const flood = await openIdleSockets(gateway.baseUrl, '127.0.0.2', 30);
    try {
      // The ten past the cap are answered at once and closed; the twenty others stay open…
      for (const closed of flood.closed.slice(20)) {
        assert.match(await closed, /^HTTP\/1\.1 429 [^]*"type":"\/problems\/too-many-connections"/);
      }
      assert.equal(flood.sockets.filter((socket) => !socket.destroyed).length, 20);
      // …and another address is served all the same.
      const answer = await getFrom(`${gateway.baseUrl}/colis/v2/parcels/AB1234`, '127.0.0.3', {
        'x-api-key': key,
      });
      assert.deepEqual('status' in answer ? answer.status : answer, 200);
    } finally {
      flood.destroy();
    }
  });
});

describe('a second gateway on a store already served', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-second-'));
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a second gateway started on the same data folder', async () => {
    const first = await startGatewayProcess(dataDir, 'http://127.0.0.1:9');
    try {
      await first.ready();
      const second = await startGatewayProcess(dataDir, 'http://127.0.0.1:9');
      const how = await Promise.race([second.exited, second.ready().then(() => 'answering')]);
      if (how === 'answering') await second.stop();
      assert.deepEqual(how, { code: 1, signal: null });
      assert.match(
        second.stderr(),
        new RegExp(
          `^gateway: ${join(dataDir, 'gateway.sqlite')} is already served by the gateway with pid ${String(first.child.pid)} on ${hostname()} \\(since .+\\): two gateways on one store would each count their own quotas — stop that one first, or give this one its own data folder \\(GUICHET_SANDBOX_DIR\\)$`,
          'm',
        ),
      );
      // The first one is untouched, and the CLI still writes the store beside it.
      assert.equal((await fetch(`${first.baseUrl}/_guichet/health`)).status, 200);
      const run = await runKeysCli(dataDir, ['create', '--app', 'Beside', '--api', 'colis']);
      assert.equal(run.code, 0, run.stderr);
    } finally {
      await first.stop();
    }
  });

  test('a lock left by a gateway that stopped beating, its pid reused by a live process', async () => {
    // The test's own pid is alive; a heartbeat a minute old says no gateway holds the store.
    const db = new DatabaseSync(join(dataDir, 'gateway.sqlite'));
    db.prepare('DELETE FROM gateway_lock').run();
    db.prepare(
      'INSERT INTO gateway_lock (id, owner, pid, host, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)',
    ).run('stale-owner', process.pid, hostname(), new Date().toISOString(), Date.now() - 60_000);
    db.close();
    const gateway = await startGatewayProcess(dataDir, 'http://127.0.0.1:9');
    try {
      await gateway.ready();
    } finally {
      await gateway.stop();
    }
  });
});
