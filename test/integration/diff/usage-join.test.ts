import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../scripts/lib/sandbox/index.ts';
import { findFreePort } from '../../helpers/find-free-port.ts';
import { describeOnEachStore } from '../../helpers/gateway-stores.ts';
import { createRepository, diff, owner, writeAfter } from './helpers/diff-repository.ts';

const cleanup: string[] = [];
let sandbox: Sandbox | undefined;
after(async () => {
  await sandbox?.close();
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Creates a consumer with a key on the `declarations` API through the admin API. */
async function createKey(running: Sandbox, application: string): Promise<string> {
  const token = (await readFile(running.adminTokenFile ?? '', 'utf8')).trim();
  const created = await fetch(`${running.adminUrl}/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ application, api: 'declarations' }),
  });
  assert.equal(created.status, 201);
  return ((await created.json()) as { key: string }).key;
}

describeOnEachStore('the usage join of npm run diff', (store) => {
  it('each change names how many sandbox consumers called its operation in the last 30 days', async () => {
    const previous = process.env.GUICHET_DATABASE_URL;
    // The sandbox's processes and the diff inherit it: on PostgreSQL, the diff reads the store
    // the gateway wrote there without being told where.
    Object.assign(process.env, store.env);
    const repo = await createRepository(`title: Declarations\n${owner}`);
    const dataDir = await mkdtemp(join(tmpdir(), 'guichet-usage-'));
    cleanup.push(repo, dataDir);

    // Real traffic through the real sandbox: two applications list declarations, one withdraws one.
    const started = await startSandbox({
      apisDir: join(repo, 'apis'),
      dataDir,
      output: 'ignore',
      gatewayPort: await findFreePort(),
      adminPort: await findFreePort(),
      mockPort: await findFreePort(),
    });
    const running = started.sandbox;
    sandbox = running;
    const first = await createKey(running, 'Cabinet comptable Durand');
    const second = await createKey(running, 'Logiciel de paie Martin');
    for (const key of [first, second, first]) {
      const listed = await fetch(`${running.url}/declarations/v1/declarations`, {
        headers: { 'x-api-key': key },
      });
      assert.equal(listed.status, 200);
    }
    const withdrawn = await fetch(`${running.url}/declarations/v1/declarations/D-1`, {
      method: 'DELETE',
      headers: { 'x-api-key': first },
    });
    assert.equal(withdrawn.status, 204);
    // Stopping the gateway writes the usage it still holds in memory.
    await running.close();
    sandbox = undefined;

    await writeAfter(repo, '1.1.0');
    const { code, report } = await diff(
      repo,
      ...(store.databaseUrl === undefined ? ['--store', join(dataDir, 'gateway.sqlite')] : []),
    );
    if (previous === undefined) delete process.env.GUICHET_DATABASE_URL;
    else process.env.GUICHET_DATABASE_URL = previous;
    assert.equal(code, 1);
    const days = 'in the last 30 days';
    assert.ok(
      report.includes(
        `- **breaking** \`GET /declarations\` — [Added] required query parameter \`siren\` — called by 2 sandbox consumer(s) ${days}`,
      ),
      report,
    );
    assert.ok(
      report.includes(
        `- **breaking** \`DELETE /declarations/{id}\` — [Removed] operation DELETE /declarations/{id} — called by 1 sandbox consumer(s) ${days}`,
      ),
      report,
    );
    assert.ok(
      report.includes(
        `- **breaking** \`POST /declarations\` — [Replaced] possible values of \`kind\` in Request Body content (application/json) — called by 0 sandbox consumer(s) ${days}`,
      ),
      report,
    );
    assert.doesNotMatch(report, /Sandbox usage was not joined/);
  });
});

test('without a store the report says usage was not joined', async () => {
  const repo = await createRepository(`title: Declarations\n${owner}`);
  cleanup.push(repo);
  await writeAfter(repo, '1.1.0');
  const { report } = await diff(repo, '--store', join(repo, 'no-such-store.sqlite'));
  assert.match(report, /_Sandbox usage was not joined: its store could not be read\._/);
  assert.doesNotMatch(report, /called by/);
});
