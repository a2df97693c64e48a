import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  SandboxCatalogError,
  startSandbox,
  type Sandbox,
} from '../../../scripts/lib/sandbox/index.ts';
import { findFreePort } from '../../helpers/find-free-port.ts';
import { fixtureApisDir } from './helpers/start-test-gateway.ts';

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
