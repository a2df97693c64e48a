import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { runCommand, type CommandRun } from '../commands/helpers/run-command.ts';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { issueKey, startTestGateway } from './helpers/start-test-gateway.ts';

const migrate = (args: string[]): Promise<CommandRun> =>
  runCommand('scripts/manage-store.ts', ['migrate', ...args]);

/** The counts lines of a run: `table source written target`. */
function toCounts(run: CommandRun): string[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim().replace(/ +in SQLite +| +written +| +in PostgreSQL$/g, ' '))
    .map((line) => line.replace(/ +/g, ' ').trim());
}

describe('npm run store -- migrate: a SQLite store copied into PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-migrate-'));
  let upstream: EchoUpstream;
  let url = '';
  let kept: Awaited<ReturnType<typeof issueKey>>;
  let revoked: Awaited<ReturnType<typeof issueKey>>;
  const call = (base: string, key: string): Promise<Response> =>
    fetch(`${base}/colis/v2/parcels/AB1234`, { headers: { 'x-api-key': key } });

  before(async () => {
    upstream = await startEchoUpstream();
    url = await (await useTestPostgres()).createDatabase('migrate');
    // A pilot on one host: keys, a revocation, a few calls, on the SQLite store.
    const pilot = await startTestGateway(upstream.url, { dataDir });
    kept = await issueKey(pilot, { application: "L'appli « pilote »", api: 'colis' });
    revoked = await issueKey(pilot, { application: 'Révoquée', api: 'colis' });
    for (let index = 0; index < 3; index += 1) {
      assert.equal((await call(pilot.baseUrl, kept.key)).status, 200);
    }
    const revoke = await fetch(`${pilot.adminUrl}/keys/${revoked.keyId}/revoke`, {
      method: 'POST',
      headers: pilot.admin,
    });
    assert.equal(revoke.status, 200);
    await pilot.close();
  });
  after(async () => {
    await upstream.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every shared table, prints verified counts, and a second run gives the same result', async () => {
    const first = await migrate(['--to', url, '--data-dir', dataDir]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr, '');
    const counts = toCounts(first);
    assert.deepEqual(counts.slice(0, 4), [
      'consumers 2 2 2',
      'keys 2 2 2',
      'subscriptions 2 2 2',
      'clients 2 2 2',
    ]);
    assert.ok(
      counts.some((line) => /^signing_keys 1 1 1$/.test(line)),
      counts.join('\n'),
    );
    assert.ok(
      counts.some((line) => /^usage_aggregates (\d+) \1 \1$/.test(line)),
      counts.join('\n'),
    );
    assert.match(first.stdout, /store: verified — every row of the SQLite store is in PostgreSQL/);
    assert.match(first.stdout, /secret\.key/);
    const second = await migrate(['--to', url, '--data-dir', dataDir]);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(toCounts(second), counts);
    // Nothing doubled: the rows read back are the SQLite store's, usage counts included.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ requests: string }>(
        // Each call is in several grains and resolutions: its minute of every dimension once.
        "SELECT sum(requests) AS requests FROM usage_aggregates WHERE grain = 'all' AND resolution = 'minute'",
      );
      assert.equal(Number(rows[0]?.requests), 3);
    } finally {
      await client.end();
    }
  });

  it('serves the copied keys from PostgreSQL: the kept one works, the revoked one stays revoked', async () => {
    const moved = await startTestGateway(upstream.url, { dataDir, databaseUrl: url });
    try {
      assert.equal((await call(moved.baseUrl, kept.key)).status, 200);
      const refused = await call(moved.baseUrl, revoked.key);
      assert.equal(refused.status, 403);
      assert.equal(
        ((await refused.json()) as { type: string }).type,
        '/problems/subscription-revoked',
      );
      const report = await fetch(`${moved.adminUrl}/usage?api=colis`, { headers: moved.admin });
      const { totals } = (await report.json()) as { totals: { requests: number } };
      // The pilot's three calls, then these two.
      assert.equal(totals.requests, 5);
    } finally {
      await moved.close();
    }
  });

  it('says why, in one line, when there is no store or the server refuses', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'guichet-migrate-empty-'));
    try {
      const none = await migrate(['--to', url, '--data-dir', empty]);
      assert.equal(none.code, 1);
      assert.equal(
        none.stderr,
        `store: ${join(empty, 'gateway.sqlite')} — store — there is no sandbox store here — give the data folder of the sandbox to copy with --data-dir (or GUICHET_SANDBOX_DIR)\n`,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    // A port nothing listens on any more.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const refused = await migrate([
      '--to',
      `postgres://guichet:not-printed@127.0.0.1:${String(port)}/sandbox`,
      '--data-dir',
      dataDir,
    ]);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      new RegExp(
        `^store: --to — 127\\.0\\.0\\.1:${String(port)}/sandbox — cannot open PostgreSQL \\(ECONNREFUSED\\) — check that it runs`,
      ),
    );
    assert.equal(refused.stderr.trim().split('\n').length, 1);
    assert.doesNotMatch(refused.stderr, /not-printed|\n\s+at /);
  });
});
