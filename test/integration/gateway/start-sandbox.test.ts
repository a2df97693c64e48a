import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import {
  SandboxCatalogError,
  startSandbox,
  type Sandbox,
  type SupervisorEvent,
} from '../../../scripts/lib/sandbox/index.ts';
import { findFreePort } from '../../helpers/find-free-port.ts';
import { fixtureApisDir } from './helpers/start-test-gateway.ts';
import { waitForPreparedDocuments } from '../../helpers/wait-for-mock.ts';

describe('startSandbox', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-sandbox-'));
  let sandbox: Sandbox | undefined;
  after(async () => {
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the mock server and the gateway, answers through both, and stops them', async () => {
    const ports = {
      gatewayPort: await findFreePort(),
      adminPort: await findFreePort(),
      mockPort: await findFreePort(),
    };
    const started = await startSandbox({
      apisDir: fixtureApisDir,
      dataDir,
      output: 'ignore',
      ...ports,
    });
    sandbox = started.sandbox;
    assert.equal(sandbox.url, `http://127.0.0.1:${String(ports.gatewayPort)}`);
    assert.equal(sandbox.snapshotFile, join(dataDir, 'catalog.json'));

    const token = readFileSync(sandbox.adminTokenFile ?? '', 'utf8').trim();
    const created = await fetch(`${sandbox.adminUrl}/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ application: 'Sandbox test', api: 'colis' }),
    });
    assert.equal(created.status, 201);
    const { key } = (await created.json()) as { key: string };
    // The mock server prepares its documents after it starts: wait for that state (on a loaded
    // machine it can outlast the wait a request gets before a 503), rather than race it.
    await waitForPreparedDocuments(sandbox.mockUrl);
    const answer = await fetch(`${sandbox.url}/colis/v2/parcels/AB1234`, {
      headers: { 'x-api-key': key },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), { id: 'AB1234', status: 'sent' });

    await sandbox.close();
    const stopped = await sandbox.exited;
    assert.ok(['mock server', 'gateway'].includes(stopped.name));
    await assert.rejects(fetch(`${sandbox.url}/_guichet/health`));
    await assert.rejects(fetch(`${sandbox.mockUrl}/_mock/health`));
    sandbox = undefined;
  });

  it('refuses to start on a catalog with errors, listing them', async () => {
    await assert.rejects(
      startSandbox({
        apisDir: join(import.meta.dirname, 'fixtures', 'broken-apis'),
        dataDir,
        output: 'ignore',
      }),
      (error: unknown) => {
        assert.ok(error instanceof SandboxCatalogError);
        assert.ok(
          error.problems.some(
            (problem) => problem.field === 'lifecycle' && problem.file.endsWith('colis/api.yaml'),
          ),
        );
        return true;
      },
    );
  });
});

describe('startSandbox when a server dies', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-sandbox-restart-'));
  let sandbox: Sandbox | undefined;
  after(async () => {
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the dead server again, answering 503 while the mock server is away', async () => {
    const events: SupervisorEvent[] = [];
    const waiters: { match: (event: SupervisorEvent) => boolean; resolve: () => void }[] = [];
    const nextEvent = (type: SupervisorEvent['type'], name: string): Promise<void> =>
      new Promise((resolve) => {
        waiters.push({ match: (event) => event.type === type && event.name === name, resolve });
      });
    const started = await startSandbox({
      apisDir: fixtureApisDir,
      dataDir,
      output: 'ignore',
      gatewayPort: await findFreePort(),
      adminPort: await findFreePort(),
      mockPort: await findFreePort(),
      // Far longer than a call takes, so the call below surely meets the mock server away.
      restart: { initialDelayMs: 3_000 },
      onEvent: (event) => {
        events.push(event);
        for (const waiter of waiters.filter((item) => item.match(event))) waiter.resolve();
      },
    });
    sandbox = started.sandbox;
    const token = readFileSync(sandbox.adminTokenFile ?? '', 'utf8').trim();
    const created = await fetch(`${sandbox.adminUrl}/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ application: 'Restart test', api: 'colis', plan: 'premium' }),
    });
    const { key } = (await created.json()) as { key: string };
    const call = async (): Promise<string> => {
      const response = await fetch(`${sandbox?.url ?? ''}/colis/v2/parcels/AB1234`, {
        headers: { 'x-api-key': key },
      });
      const type = response.headers.get('content-type')?.includes('problem')
        ? ((await response.json()) as { type: string }).type
        : (await response.arrayBuffer(), '');
      return `${String(response.status)} ${type}`.trim();
    };
    /** Calls until the mock server has prepared the document again. */
    const callUntilServed = async (): Promise<void> => {
      for (let attempt = 0; (await call()) !== '200'; attempt += 1) {
        assert.ok(attempt < 1_200, 'the sandbox must serve again');
        await sleep(50);
      }
    };
    await waitForPreparedDocuments(sandbox.mockUrl);
    assert.equal(await call(), '200');

    // The mock server is killed: the gateway stays, answering 503, until it is back.
    const mockDied = nextEvent('exited', 'mock server');
    const mockBack = nextEvent('restarted', 'mock server');
    process.kill(sandbox.pidOf('mock server') ?? 0, 'SIGKILL');
    await mockDied;
    assert.match(await call(), /^503 \/problems\/(?:upstream-unavailable|api-starting)$/);
    await mockBack;
    await callUntilServed();

    // The gateway is killed: it comes back on the same store, keys and all.
    const gatewayPid = sandbox.pidOf('gateway');
    const gatewayBack = nextEvent('restarted', 'gateway');
    process.kill(gatewayPid ?? 0, 'SIGKILL');
    await gatewayBack;
    assert.notEqual(sandbox.pidOf('gateway'), gatewayPid);
    await callUntilServed();
    assert.deepEqual(
      events.map((event) => `${event.type} ${event.name}`),
      ['exited mock server', 'restarted mock server', 'exited gateway', 'restarted gateway'],
    );
    assert.deepEqual(
      events.filter((event) => event.type === 'exited').map((event) => event.restartInMs),
      [3_000, 3_000],
    );
  });
});
