/**
 * Hostile inputs to the sandbox's memory kept in PostgreSQL: identifiers, consumer ids and API
 * ids carrying SQL (every query is parameterised: they stay data), and a `GUICHET_DATABASE_URL`
 * that points somewhere hostile or wrong (another protocol on the port, a port that never
 * answers, a wrong password, a URL that is not PostgreSQL's): the mock server stops with one line
 * naming the host, within its bounded connection wait, and never prints the password. Requests
 * go through the real gateway (real keys) to the real mock server, on a real cluster.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem, loadCatalog, writeSnapshot, type Catalog } from '../../catalog/index.ts';
import { createMockServer, type MockServer } from '../../mock-server/create-mock-server.ts';
import { openPostgresResourceStore } from '../../mock-server/store/postgres-resource-store.ts';
import type { Scope } from '../../mock-server/store/resource-store.ts';
import { useTestPostgres, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { startGatewaySandbox, type GatewaySandbox } from './helpers/gateway-sandbox.ts';

const password = 'Pa55-w0rd_never-printed';

describe('the sandbox’s memory in PostgreSQL, under hostile input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-security-postgres-'));
  const snapshot = join(dir, 'catalog.json');
  let cluster: PostgresCluster;
  let catalog: Catalog;
  let databaseUrl = '';
  let mock: MockServer;
  let mockHttp: Server;
  let sandbox: GatewaySandbox;
  let key = '';
  let consumer = '';

  before(async () => {
    cluster = await useTestPostgres();
    const loaded = await loadCatalog({
      apisDir: 'test/fixtures/stateful/apis',
      mocksDir: 'test/fixtures/stateful/valid',
      audience: 'internal',
    });
    if (loaded.failed) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    catalog = loaded.catalog;
    await writeSnapshot(catalog, snapshot);
    databaseUrl = await cluster.createDatabase('hostile');
    mock = createMockServer({ catalog, prepareWorkers: 1, databaseUrl });
    await mock.store?.opened;
    mockHttp = createServer(mock.handle);
    await new Promise<void>((resolve) => mockHttp.listen(0, '127.0.0.1', resolve));
    await mock.prepareAll();
    const { port } = mockHttp.address() as AddressInfo;
    sandbox = await startGatewaySandbox({
      catalog,
      upstreamUrl: `http://127.0.0.1:${String(port)}`,
    });
    ({ key, consumerId: consumer } = await sandbox.issueKey({
      application: 'Appli SQL',
      api: 'dossiers',
    }));
  });
  after(async () => {
    await sandbox.close();
    mockHttp.closeAllConnections();
    mockHttp.close();
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, body?: unknown, headers = {}) => {
    const response = await fetch(`${sandbox.baseUrl}/dossiers/v1${path}`, {
      method,
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  };

  test('an id in the path with SQL in it finds nothing and changes nothing', async () => {
    const made = await call('POST', '/dossiers', { etat: 'mine' });
    assert.equal(made.status, 201);
    for (const id of [
      "1' OR '1'='1",
      "7'; DROP TABLE resource_objects; --",
      '1) UNION SELECT body FROM resource_objects --',
    ]) {
      // A text id (the hand-mapped resource) reaches the store: found nowhere.
      assert.equal((await call('GET', `/inscription/${encodeURIComponent(id)}`)).status, 404, id);
      // An integer id is refused by the document's schema before the store.
      const path = `/dossiers/${encodeURIComponent(id)}`;
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const { status } = await call(method, path, method === 'PUT' ? { etat: 'x' } : undefined);
        assert.ok(status === 404 || status === 422, `${method} ${id}: ${String(status)}`);
      }
    }
    const summary = (await call('GET', '/_guichet/data')).body as { objects: number };
    assert.ok(summary.objects >= 3);
  });

  test('a body with SQL in its fields is stored as text, and read back as sent', async () => {
    const etat = "'); DELETE FROM resource_usage; --";
    const made = await call('POST', '/dossiers', { etat });
    assert.equal(made.status, 201);
    const id = (made.body as { id: number }).id;
    const read = (await call('GET', `/dossiers/${String(id)}`)).body as { etat: string };
    assert.equal(read.etat, etat);
  });

  test('X-Guichet-Consumer with SQL in it, sent past the gateway, never reaches the store', async () => {
    const { port } = mockHttp.address() as AddressInfo;
    const before = mock.store?.calls() ?? 0;
    const response = await fetch(`http://127.0.0.1:${String(port)}/dossiers/v1/dossiers`, {
      headers: { 'x-guichet-consumer': `${consumer}' OR '1'='1` },
    });
    assert.equal(response.status, 200);
    assert.equal(mock.store?.calls(), before);
  });

  test('consumer, API and collection names with SQL in them are data to the store', async () => {
    const store = openPostgresResourceStore({
      url: databaseUrl,
      idleMs: 3_600_000,
      maxObjectsPerConsumer: 10,
      maxBytesPerConsumer: 100_000,
    });
    await store.opened;
    const hostile: Scope = {
      consumer: "con_x'); DROP TABLE resource_objects; --",
      api: "a' OR '1'='1",
      version: 'v1; DELETE FROM resource_usage',
    };
    const key = { resource: "/x' UNION SELECT body FROM resource_objects --", parent: `["'"]` };
    await store.enter(hostile, () => []);
    assert.deepEqual(await store.insert(hostile, key, "1' OR '1'='1", `{"a":"'"}`), { ok: true });
    assert.equal(await store.read(hostile, key, "1' OR '1'='1"), `{"a":"'"}`);
    assert.equal(await store.read(hostile, key, '7'), undefined);
    assert.equal(await store.maxNumericId(hostile, key), 0);
    assert.equal(await store.reset(hostile), 1);
    await store.close();
    // The partner's objects are all there.
    assert.equal((await call('GET', '/dossiers/7')).status, 200);
  });

  /** Starts the real mock server process on `url`; resolves with its exit and output. */
  const startWith = async (url: string) => {
    const child = spawn(process.execPath, [join('mock-server', 'server.ts')], {
      env: {
        ...process.env,
        MOCK_PORT: '0',
        GUICHET_SANDBOX_SNAPSHOT: snapshot,
        GUICHET_SANDBOX_DIR: dir,
        GUICHET_DATABASE_URL: url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, output };
  };
  const refusedAtStart = (result: { code: number | null; output: string }, host: string) => {
    assert.equal(result.code, 1, result.output);
    assert.ok(!result.output.includes(password), result.output);
    const lines = result.output.trim().split('\n');
    assert.equal(lines.length, 1, result.output);
    assert.match(lines[0] ?? '', new RegExp(`^mock server: cannot open PostgreSQL at ${host}`));
    assert.doesNotMatch(result.output, /\n\s+at /);
  };

  test('GUICHET_DATABASE_URL at an HTTP server: one line naming the host, no hang', async () => {
    const http = createServer((_request, response) => response.end('not a database'));
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const { port } = http.address() as AddressInfo;
    const result = await startWith(`postgres://guichet:${password}@127.0.0.1:${String(port)}/x`);
    http.closeAllConnections();
    http.close();
    refusedAtStart(result, `127\\.0\\.0\\.1:${String(port)}/x`);
  });

  test('GUICHET_DATABASE_URL at a port that accepts and never answers: stopped by the connection wait', async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    const result = await startWith(`postgres://guichet:${password}@127.0.0.1:${String(port)}/x`);
    for (const socket of sockets) socket.destroy();
    silent.close();
    refusedAtStart(result, `127\\.0\\.0\\.1:${String(port)}/x`);
    assert.match(result.output, /no answer within 5 s/);
  });

  test('GUICHET_DATABASE_URL with a wrong password: one line naming the host, not the password', async () => {
    const result = await startWith(
      `postgres://guichet:${password}@127.0.0.1:${String(cluster.port)}/postgres`,
    );
    refusedAtStart(result, `127\\.0\\.0\\.1:${String(cluster.port)}/postgres`);
    assert.match(result.output, /password authentication failed/);
  });

  test('GUICHET_DATABASE_URL that is not postgres://: refused by the settings, the value not echoed', async () => {
    const result = await startWith(`mysql://guichet:${password}@127.0.0.1:3306/x`);
    assert.equal(result.code, 1);
    assert.ok(!result.output.includes(password));
    assert.match(result.output, /^mock server: GUICHET_DATABASE_URL — must be a postgres:\/\/ URL/);
  });
});
