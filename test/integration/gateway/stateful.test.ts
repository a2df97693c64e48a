import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../../../scripts/lib/sandbox/index.ts';
import { findFreePort } from '../../helpers/find-free-port.ts';

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

describe('the sandbox remembers per consumer, through the real gateway and processes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-stateful-sandbox-'));
  let sandbox: Sandbox;
  const keys: string[] = [];
  const consumers: string[] = [];
  let api = '';

  before(async () => {
    const started = await startSandbox({
      apisDir: 'apis',
      dataDir,
      output: 'ignore',
      gatewayPort: await findFreePort(),
      adminPort: await findFreePort(),
      mockPort: await findFreePort(),
      // The kill below must be met by a restart, not taken for a server that keeps dying.
      restart: { initialDelayMs: 100 },
    });
    sandbox = started.sandbox;
    api = `${sandbox.url}/declarations-fiscales/v2`;
    const token = readFileSync(sandbox.adminTokenFile ?? '', 'utf8').trim();
    for (const application of ['Cabinet Alpha', 'Cabinet Beta']) {
      const created = await fetch(`${sandbox.adminUrl}/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ application, api: 'declarations-fiscales' }),
      });
      assert.equal(created.status, 201);
      const issued = (await created.json()) as { key: string; consumerId: string };
      keys.push(issued.key);
      consumers.push(issued.consumerId);
    }
  });
  after(async () => {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (
    key: string,
    path: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> =>
    fetch(`${api}${path}`, {
      ...init,
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...init.headers },
    });

  let location = '';

  it("keeps one consumer's objects from another, whatever header the other sends", async () => {
    const [alpha = '', beta = ''] = keys;
    const created = await call(alpha, '/declarations', {
      method: 'POST',
      body: JSON.stringify(declaration),
    });
    assert.equal(created.status, 201);
    location = created.headers.get('location') ?? '';
    assert.match(location, /^declarations\/DF-\d{4}-\d{6}$/);
    const mine = await call(alpha, `/${location}`);
    assert.equal(mine.status, 200);
    assert.equal(((await mine.json()) as { montant: number }).montant, 1234.5);
    assert.equal((await call(beta, `/${location}`)).status, 404);
    // Naming Alpha's consumer from Beta's key changes nothing: the gateway drops the header.
    const forged = await call(beta, `/${location}`, {
      headers: { 'x-guichet-consumer': consumers[0] ?? '' },
    });
    assert.equal(forged.status, 404);
  });

  it('keeps them across a restart of the mock server process', async () => {
    const before = sandbox.pidOf('mock server');
    assert.ok(before);
    process.kill(before, 'SIGKILL');
    await waitFor('a new mock server answering', async () => {
      const pid = sandbox.pidOf('mock server');
      if (pid === undefined || pid === before) return false;
      const health = await fetch(`${sandbox.mockUrl}/_mock/health`);
      return ((await health.json()) as { loading: number }).loading === 0;
    });
    const read = await call(keys[0] ?? '', `/${location}`);
    assert.equal(read.status, 200);
  });

  it('resets a consumer’s data of the version with DELETE …/_guichet/data, and no one else’s', async () => {
    const [alpha = '', beta = ''] = keys;
    const betaMade = await call(beta, '/declarations', {
      method: 'POST',
      body: JSON.stringify(declaration),
    });
    const betaLocation = betaMade.headers.get('location') ?? '';
    const summary = await call(alpha, '/_guichet/data');
    assert.equal(summary.status, 200);
    const counted = (await summary.json()) as { objects: number; resources: { objects: number }[] };
    assert.equal(counted.objects, 5);
    assert.equal((await call(alpha, '/_guichet/data', { method: 'DELETE' })).status, 204);
    assert.equal((await call(alpha, `/${location}`)).status, 404);
    assert.equal((await call(beta, `/${betaLocation}`)).status, 200);
  });
});
