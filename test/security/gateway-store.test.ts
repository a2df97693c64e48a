/**
 * Hostile inputs to the gateway's store, on SQLite and on PostgreSQL alike: names, emails, ids,
 * references and filters carrying SQL (every statement binds its values: they stay data), text
 * PostgreSQL cannot hold (a NUL), values far over their bounds, and a `GUICHET_DATABASE_URL`
 * that points somewhere wrong (an HTTP server, a port that never answers, a wrong password, a
 * database whose keys another secret hashed): the gateway, `npm run keys` and `npm run store`
 * stop with one line naming the host, within the bounded connection wait, never the password.
 * Requests go through the real gateway on real sockets; processes are the real ones.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeSnapshot, type Catalog } from '../../catalog/index.ts';
import { openDatabase } from '../../gateway-stub/store/open-database.ts';
import { describeOnEachStore } from '../helpers/gateway-stores.ts';
import { useTestPostgres, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import {
  loadGatewayFixtureCatalog,
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';
import {
  assertRefusedInOneLine,
  runGatewayUntilExit,
  startHttpServer,
  startSilentServer,
  type ExitedProcess,
  type WrongServer,
} from './helpers/refused-start.ts';

const api = 'guichet-ouvert';
const sql = [
  "Robert'); DROP TABLE keys; --",
  "x' OR '1'='1",
  '1; DELETE FROM subscriptions WHERE 1=1',
  "\\'; SELECT pg_sleep(10); --",
];

describeOnEachStore('the gateway’s store under hostile input', (store) => {
  let catalog: Catalog;
  let mock: RunningMockServer;
  let sandbox: GatewaySandbox;
  let key = '';
  const json = { 'content-type': 'application/json' };
  const admin = { authorization: 'Bearer security-admin-token-not-a-secret', ...json };

  before(async () => {
    catalog = await loadGatewayFixtureCatalog();
    mock = await startFixtureMockServer(catalog);
    sandbox = await startGatewaySandbox({
      catalog,
      upstreamUrl: mock.url,
      options: store.gatewayOptions,
    });
    ({ key } = await sandbox.issueKey({ application: 'Témoin', api }));
  });
  after(async () => {
    await sandbox.close();
    await mock.close();
  });

  /** The store is whole: the witness key still works and every consumer is listed. */
  const assertStoreWhole = async (): Promise<void> => {
    const call = await fetch(`${sandbox.baseUrl}/${api}/v1/demarches`, {
      headers: { 'x-api-key': key },
    });
    await call.arrayBuffer();
    assert.notEqual(call.status, 401);
    assert.notEqual(call.status, 500);
    const listed = await fetch(`${sandbox.adminUrl}/consumers`, { headers: admin });
    assert.equal(listed.status, 200);
    const { consumers } = (await listed.json()) as { consumers: { application: string }[] };
    assert.ok(consumers.some((consumer) => consumer.application === 'Témoin'));
  };

  test('application names carrying SQL are stored as sent and listed back as sent', async () => {
    for (const application of sql) {
      const issued = await sandbox.issueKey({ application, api });
      const listed = await fetch(`${sandbox.adminUrl}/consumers`, { headers: admin });
      const { consumers } = (await listed.json()) as {
        consumers: { id: string; application: string }[];
      };
      assert.equal(
        consumers.find((consumer) => consumer.id === issued.consumerId)?.application,
        application,
      );
    }
    await assertStoreWhole();
  });

  test('a trial key asked for with SQL in its name is stored as sent', async () => {
    const response = await fetch(`${sandbox.baseUrl}/_guichet/trial-keys`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        application: "Appli'; TRUNCATE consumers; --",
        email: "o'hara@example.org",
        api,
        acceptTerms: true,
      }),
    });
    assert.equal(response.status, 201);
    await response.arrayBuffer();
    await assertStoreWhole();
  });

  test('a consumer id carrying SQL names no consumer', async () => {
    for (const consumerId of sql) {
      const response = await fetch(`${sandbox.adminUrl}/keys`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ consumerId, api }),
      });
      assert.equal(response.status, 400, consumerId);
      const problem = (await response.json()) as { type: string; detail: string };
      assert.equal(problem.type, '/problems/invalid-request');
      assert.match(problem.detail, /: no consumer /);
    }
    await assertStoreWhole();
  });

  test('keys and references carrying SQL are unknown, never a query of their own', async () => {
    for (const value of [...sql, `gk_${"'".repeat(32)}`, `gk_12345678${' OR 1=1 --'.padEnd(24)}`]) {
      const call = await fetch(`${sandbox.baseUrl}/${api}/v1/demarches`, {
        headers: { 'x-api-key': value },
      });
      assert.equal(call.status, 401, value);
      await call.arrayBuffer();
      const decision = await fetch(`${sandbox.adminUrl}/keys/${encodeURIComponent(value)}/revoke`, {
        method: 'POST',
        headers: admin,
      });
      assert.equal(decision.status, 404, value);
      await decision.arrayBuffer();
    }
    await assertStoreWhole();
  });

  test('usage filters carrying SQL are bound values: an empty report, not an error', async () => {
    const filters = new URLSearchParams({ api: sql[1] ?? '', consumer: sql[0] ?? '' });
    const response = await fetch(`${sandbox.adminUrl}/usage?${filters.toString()}`, {
      headers: admin,
    });
    assert.equal(response.status, 200);
    const report = (await response.json()) as { totals: { requests: number } };
    assert.equal(report.totals.requests, 0);
  });

  test('a NUL in an application name, which PostgreSQL’s text cannot hold, is refused as a field', async () => {
    const trial = await fetch(`${sandbox.baseUrl}/_guichet/trial-keys`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        application: 'Appli\u0000cachée',
        email: 'dev@example.org',
        api,
        acceptTerms: true,
      }),
    });
    assert.equal(trial.status, 400);
    const problem = (await trial.json()) as { errors: { pointer: string }[] };
    assert.deepEqual(
      problem.errors.map((error) => error.pointer),
      ['#/application'],
    );
    const byAdmin = await fetch(`${sandbox.adminUrl}/keys`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ application: 'Appli\u001b[2Jeffacée', api }),
    });
    assert.equal(byAdmin.status, 400);
    await byAdmin.arrayBuffer();
    await assertStoreWhole();
  });

  test('values far over their bounds are refused before the store', async () => {
    const long = await fetch(`${sandbox.adminUrl}/keys`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        application: 'A'.repeat(10_000),
        email: `${'b'.repeat(300)}@x.fr`,
        api,
      }),
    });
    assert.equal(long.status, 400);
    const problem = (await long.json()) as { errors: { pointer: string }[] };
    assert.deepEqual(problem.errors.map((error) => error.pointer).sort(), [
      '#/application',
      '#/email',
    ]);
    const huge = await fetch(`${sandbox.adminUrl}/keys`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ application: 'x'.repeat(200_000), api }),
    });
    assert.equal(huge.status, 413);
    await huge.arrayBuffer();
    const filter = await fetch(`${sandbox.adminUrl}/usage?api=${'a'.repeat(5_000)}`, {
      headers: admin,
    });
    assert.equal(filter.status, 400);
    await filter.arrayBuffer();
    await assertStoreWhole();
  });
});

const password = 'Pa55-w0rd_never-printed';
const root = join(import.meta.dirname, '..', '..');

/** Runs `file` with `args` and `env`; settles with its exit code and everything it printed. */
function runProcess(
  file: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, file), ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          output: `${stdout}${stderr}`,
        });
      },
    );
  });
}

describe('a GUICHET_DATABASE_URL that points somewhere wrong', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-security-store-'));
  let cluster: PostgresCluster;
  let http: WrongServer;
  let httpUrl = '';
  before(async () => {
    cluster = await useTestPostgres();
    await writeSnapshot(await loadGatewayFixtureCatalog(), join(dir, 'catalog.json'));
    // A SQLite store to copy, for `npm run store -- migrate`.
    openDatabase(dir).close();
    http = await startHttpServer('not a database');
    httpUrl = `postgres://guichet:${password}@127.0.0.1:${String(http.port)}/x`;
  });
  after(() => {
    http.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The real gateway process on `url`: it must exit 1 with one line, before listening. */
  const startGateway = (url: string, dataDir = dir) =>
    runGatewayUntilExit({
      GUICHET_SANDBOX_SNAPSHOT: join(dir, 'catalog.json'),
      GUICHET_SANDBOX_DIR: dataDir,
      GUICHET_DATABASE_URL: url,
    });
  const refusedInOneLine = (result: ExitedProcess, start: RegExp): void => {
    assertRefusedInOneLine(result, start, password);
  };

  test('the gateway on an HTTP server’s port: one line naming the host, no hang', async () => {
    refusedInOneLine(
      await startGateway(httpUrl),
      /^gateway: cannot open PostgreSQL at 127\.0\.0\.1:\d+\/x/,
    );
  });

  test('the gateway on a port that accepts and never answers: stopped by the connection wait', async () => {
    const silent = await startSilentServer();
    const result = await startGateway(
      `postgres://guichet:${password}@127.0.0.1:${String(silent.port)}/x`,
    );
    silent.close();
    refusedInOneLine(
      result,
      /^gateway: cannot open PostgreSQL at 127\.0\.0\.1:\d+\/x \(no answer within 5 s\)/,
    );
  });

  test('the gateway with a wrong password: one line naming the host, not the password', async () => {
    const result = await startGateway(
      `postgres://guichet:${password}@127.0.0.1:${String(cluster.port)}/postgres`,
    );
    refusedInOneLine(
      result,
      /^gateway: cannot open PostgreSQL at 127\.0\.0\.1:\d+\/postgres \(password authentication failed/,
    );
  });

  test('the gateway on a URL that is not postgres://: refused by the settings, not echoed', async () => {
    const result = await startGateway(`mysql://guichet:${password}@127.0.0.1:3306/x`);
    refusedInOneLine(result, /^gateway: GUICHET_DATABASE_URL — must be a postgres:\/\/ URL/);
  });

  test('a second data folder whose secret.key is not the database’s: stopped, saying which file to copy', async () => {
    const url = await cluster.createDatabase('secrets');
    const first = mkdtempSync(join(tmpdir(), 'guichet-security-first-'));
    const second = mkdtempSync(join(tmpdir(), 'guichet-security-second-'));
    try {
      await writeSnapshot(await loadGatewayFixtureCatalog(), join(first, 'catalog.json'));
      // The first instance's `npm run keys` claims the database with its secret.
      const created = await runProcess(
        'scripts/manage-keys.ts',
        ['create', '--app', 'Premier', '--api', api, '--data-dir', first],
        { GUICHET_DATABASE_URL: url, GUICHET_SANDBOX_DIR: first },
      );
      assert.equal(created.code, 0, created.output);
      const result = await startGateway(url, second);
      refusedInOneLine(
        result,
        /^gateway: 127\.0\.0\.1:\d+\/secrets_\w+ — secret — its keys were hashed with another secret than .*secret\.key — copy the secret\.key/,
      );
    } finally {
      rmSync(first, { recursive: true, force: true });
      rmSync(second, { recursive: true, force: true });
    }
  });

  test('npm run keys on an HTTP server’s port: one line, exit 1', async () => {
    const result = await runProcess('scripts/manage-keys.ts', ['list', '--data-dir', dir], {
      GUICHET_DATABASE_URL: httpUrl,
    });
    refusedInOneLine(result, /^keys: cannot open PostgreSQL at 127\.0\.0\.1:\d+\/x/);
  });

  test('npm run store -- migrate to an HTTP server’s port: one line, exit 1', async () => {
    const result = await runProcess(
      'scripts/manage-store.ts',
      ['migrate', '--to', httpUrl, '--data-dir', dir],
      { GUICHET_DATABASE_URL: '' },
    );
    refusedInOneLine(result, /^store: --to — 127\.0\.0\.1:\d+\/x — cannot open PostgreSQL \(/);
  });
});
