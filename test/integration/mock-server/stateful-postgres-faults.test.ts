import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chownSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { formatProblem, loadCatalog, type Catalog } from '../../../catalog/index.ts';
import { useTestPostgres, type PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { startTcpRelay, type TcpRelay } from '../../helpers/tcp-relay.ts';
import { mountSmallDisk, type SmallDisk } from '../gateway/helpers/mount-small-disk.ts';
import { startMockServer, type TestMockServer } from './helpers/start-mock-server.ts';

/** The stateful fixture API's objects, on a PostgreSQL database that fails on purpose. */
async function loadFixture(): Promise<Catalog> {
  const loaded = await loadCatalog({
    apisDir: 'test/fixtures/stateful/apis',
    mocksDir: 'test/fixtures/stateful/valid',
    audience: 'internal',
  });
  if (loaded.failed) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.catalog;
}

const call = (server: TestMockServer, method: string, path: string, body?: unknown) =>
  fetch(`${server.baseUrl}/dossiers/v1/${path}`, {
    method,
    headers: { 'x-guichet-consumer': 'con_faults', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('the consumers’ objects when PostgreSQL fails', () => {
  let cluster: PostgresCluster;
  let catalog: Catalog;
  before(async () => {
    cluster = await useTestPostgres();
    catalog = await loadFixture();
  });

  describe('its host goes away, then comes back', () => {
    let relay: TcpRelay;
    let server: TestMockServer;
    before(async () => {
      const direct = new URL(await cluster.createDatabase('away'));
      relay = await startTcpRelay(Number(direct.port));
      direct.port = String(relay.port);
      server = await startMockServer({ databaseUrl: direct.href }, 'unused', catalog);
      await server.mock.prepareAll();
    });
    after(async () => {
      await server.close();
      await relay.close();
    });

    it('answers 503 store-unavailable while away, keeps serving stateless calls, and recovers by itself', async () => {
      const made = await call(server, 'POST', 'dossiers', { etat: 'avant' });
      assert.equal(made.status, 201);
      const location = made.headers.get('location') ?? '';

      await relay.cut();
      for (const [method, path, body] of [
        ['POST', 'dossiers', { etat: 'pendant' }],
        ['GET', location, undefined],
        ['GET', '_guichet/data', undefined],
      ] as const) {
        const refused = await call(server, method, path, body);
        assert.equal(refused.status, 503, `${method} ${path}`);
        assert.equal(refused.headers.get('content-type'), 'application/problem+json');
        const problem = (await refused.json()) as { type: string; detail: string };
        assert.equal(problem.type, '/problems/store-unavailable');
        assert.doesNotMatch(problem.detail, /ECONN|127\.0\.0\.1|password|pg|postgres:/i);
      }
      // A call without a consumer never reaches the store.
      const stateless = await fetch(`${server.baseUrl}/dossiers/v1/dossiers/7`);
      assert.equal(stateless.status, 200);

      await relay.restore();
      const back = await call(server, 'GET', location);
      assert.equal(back.status, 200);
      assert.equal(((await back.json()) as { etat: string }).etat, 'avant');
      assert.equal((await call(server, 'POST', 'dossiers', { etat: 'après' })).status, 201);
    });
  });

  describe('the disk of its table fills up (SQLSTATE 53100)', () => {
    let disk: SmallDisk;
    let server: TestMockServer;
    let admin: pg.Client;
    before(async () => {
      // A tablespace on a small tmpfs of its own: the server's own disk stays free.
      disk = mountSmallDisk(1_024);
      const owner = (flag: string) =>
        Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(disk.dir, owner('-u'), owner('-g'));
      const url = await cluster.createDatabase('full');
      server = await startMockServer({ databaseUrl: url }, 'unused', catalog);
      await server.mock.prepareAll();
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const space = `small_${new URL(url).pathname.slice(1)}`;
      await admin.query(`CREATE TABLESPACE ${space} LOCATION '${disk.dir}'`);
      await admin.query(`ALTER TABLE resource_objects SET TABLESPACE ${space}`);
    });
    after(async () => {
      await server.close();
      await admin.query('ALTER TABLE resource_objects SET TABLESPACE pg_default');
      const { rows } = await admin.query<{ spcname: string }>(
        "SELECT spcname FROM pg_tablespace WHERE spcname LIKE 'small_%'",
      );
      for (const row of rows) await admin.query(`DROP TABLESPACE ${row.spcname}`);
      await admin.end();
      disk.remove();
    });

    it('answers 507 insufficient-storage, keeps what it stored readable, and stores again once freed', async () => {
      const first = await call(server, 'POST', 'dossiers', { etat: 'avant' });
      assert.equal(first.status, 201);
      const location = first.headers.get('location') ?? '';
      disk.fill();
      let refused: Response | undefined;
      for (let index = 0; refused === undefined; index += 1) {
        // Pages already allocated take rows until none is left; then the table must grow.
        const response = await call(server, 'POST', 'dossiers', {
          etat: `pendant ${String(index)} ${'x'.repeat(400)}`,
        });
        if (response.status === 201) await response.arrayBuffer();
        else refused = response;
        assert.ok(index < 2_000, 'the table must fill up');
      }
      assert.equal(refused.status, 507);
      const problem = (await refused.json()) as { type: string; detail: string };
      assert.equal(problem.type, '/problems/insufficient-storage');
      assert.doesNotMatch(problem.detail, /53100|could not extend|postgres/i);
      const kept = await call(server, 'GET', location);
      assert.equal(kept.status, 200);
      disk.free();
      assert.equal((await call(server, 'POST', 'dossiers', { etat: 'après' })).status, 201);
    });
  });
});
