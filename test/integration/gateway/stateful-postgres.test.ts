import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../../../scripts/lib/sandbox/index.ts';
import { findFreePort } from '../../helpers/find-free-port.ts';
import { useTestPostgres, type PostgresCluster } from '../../helpers/postgres-cluster.ts';

/** Polls until `check` holds: a state to reach, whatever the machine's speed. */
async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 3_000; attempt += 1) {
    if (await check().catch(() => false)) return;
    await sleep(50);
  }
  throw new Error(`never reached: ${what}`);
}

const declaration = {
  siren: '412345670',
  formulaire: 'CA3',
  regimeFiscal: 'reel-normal',
  exercice: 2026,
  periode: { debut: '2026-09-01', fin: '2026-09-30' },
  montant: 1234.5,
};

describe('two mock servers on one PostgreSQL, behind the real gateway', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-stateful-postgres-'));
  const otherDir = mkdtempSync(join(tmpdir(), 'guichet-stateful-postgres-b-'));
  let cluster: PostgresCluster;
  let sandbox: Sandbox;
  let second: ChildProcess;
  let secondUrl = '';
  let output = '';
  let key = '';
  let consumer = '';
  const previous = process.env.GUICHET_DATABASE_URL;

  before(async () => {
    cluster = await useTestPostgres();
    const databaseUrl = await cluster.createDatabase('sandbox');
    // The sandbox's children inherit it: its mock server keeps the objects there.
    process.env.GUICHET_DATABASE_URL = databaseUrl;
    const started = await startSandbox({
      apisDir: 'apis',
      dataDir,
      output: 'ignore',
      gatewayPort: await findFreePort(),
      adminPort: await findFreePort(),
      mockPort: await findFreePort(),
      restart: { initialDelayMs: 100 },
    });
    sandbox = started.sandbox;
    const token = readFileSync(sandbox.adminTokenFile ?? '', 'utf8').trim();
    const issued = await fetch(`${sandbox.adminUrl}/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ application: 'Cabinet Gamma', api: 'declarations-fiscales' }),
    });
    assert.equal(issued.status, 201);
    ({ key, consumerId: consumer } = (await issued.json()) as { key: string; consumerId: string });

    // A second mock server, its own process and port, on the same database.
    const port = await findFreePort();
    secondUrl = `http://127.0.0.1:${String(port)}`;
    second = spawn(process.execPath, [join('mock-server', 'server.ts')], {
      env: {
        ...process.env,
        MOCK_PORT: String(port),
        GUICHET_SANDBOX_SNAPSHOT: sandbox.snapshotFile,
        GUICHET_SANDBOX_DIR: otherDir,
        GUICHET_DATABASE_URL: databaseUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [second.stdout, second.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
    }
    await waitFor('the second mock server ready', async () => {
      const health = await fetch(`${secondUrl}/_mock/health`);
      return ((await health.json()) as { loading: number }).loading === 0;
    });
  });
  after(async () => {
    second.kill('SIGTERM');
    await sandbox.close();
    if (previous === undefined) delete process.env.GUICHET_DATABASE_URL;
    else process.env.GUICHET_DATABASE_URL = previous;
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDir, { recursive: true, force: true });
  });

  const create = (): Promise<Response> =>
    fetch(`${sandbox.url}/declarations-fiscales/v2/declarations`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify(declaration),
    });
  /** A read through the second mock server, as the gateway would forward it for the key. */
  const readThroughSecond = (location: string): Promise<Response> =>
    fetch(`${secondUrl}/declarations-fiscales/v2/${location}`, {
      headers: { 'x-guichet-consumer': consumer },
    });

  it('an object created through the gateway and one mock server is read through the other', async () => {
    const created = await create();
    assert.equal(created.status, 201);
    const body = (await created.json()) as Record<string, unknown>;
    const read = await readThroughSecond(created.headers.get('location') ?? '');
    assert.equal(read.status, 200);
    assert.deepEqual(await read.json(), body);
  });

  it('kill -9 of the gateway’s mock server under creations loses nothing it acknowledged', async () => {
    const before = sandbox.pidOf('mock server');
    assert.ok(before);
    const acknowledged: { location: string; body: unknown }[] = [];
    let killed = false;
    const creator = async (): Promise<void> => {
      for (let index = 0; index < 15; index += 1) {
        const response = await create().catch(() => undefined);
        if (response?.status === 201) {
          acknowledged.push({
            location: response.headers.get('location') ?? '',
            body: await response.json(),
          });
        } else {
          await response?.arrayBuffer();
        }
        if (!killed && acknowledged.length >= 10) {
          killed = true;
          process.kill(before, 'SIGKILL');
        }
      }
    };
    await Promise.all([creator(), creator(), creator()]);
    assert.ok(killed, 'the mock server was killed while creations ran');
    assert.ok(acknowledged.length >= 10);
    for (const { location, body } of acknowledged) {
      const read = await readThroughSecond(location);
      assert.equal(read.status, 200, location);
      assert.deepEqual(await read.json(), body);
    }
    await waitFor('the gateway’s mock server started again', async () => {
      const pid = sandbox.pidOf('mock server');
      if (pid === undefined || pid === before) return false;
      const health = await fetch(`${sandbox.mockUrl}/_mock/health`);
      return ((await health.json()) as { loading: number }).loading === 0;
    });
    const again = await fetch(
      `${sandbox.url}/declarations-fiscales/v2/${acknowledged[0]?.location ?? ''}`,
      { headers: { 'x-api-key': key } },
    );
    assert.equal(again.status, 200);
  });

  it('names the database in its output, never the password', () => {
    assert.match(output, /objects in PostgreSQL at 127\.0\.0\.1:\d+\/sandbox_[0-9a-f]+/);
    assert.ok(!output.includes(cluster.password));
  });
});
