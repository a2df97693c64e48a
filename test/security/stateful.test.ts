/**
 * Hostile inputs to the sandbox's memory: a client naming another consumer, bodies built to
 * exhaust it (huge, deep, numerous), identifiers with path tricks, and field names that would
 * pollute prototypes. Each runs through the real gateway (real keys) in front of the real mock
 * server (Prism, real SQLite), on real sockets.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem, loadCatalog } from '../../catalog/index.ts';
import { createMockServer, type MockServer } from '../../mock-server/create-mock-server.ts';
import { startGatewaySandbox, type GatewaySandbox } from './helpers/gateway-sandbox.ts';
import { createHostileRepo } from './helpers/hostile-repo.ts';

/** The objects one consumer may keep here: few, so a flood reaches the limit quickly. */
const maxObjects = 20;

describe('the sandbox’s memory, under hostile requests', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-security-stateful-'));
  let mock: MockServer;
  let mockHttp: Server;
  let sandbox: GatewaySandbox;
  const keys: Record<'alice' | 'bob' | 'flood', { key: string; consumerId: string }> = {
    alice: { key: '', consumerId: '' },
    bob: { key: '', consumerId: '' },
    flood: { key: '', consumerId: '' },
  };
  let aliceDossier = '';

  before(async () => {
    const loaded = await loadCatalog({
      apisDir: 'test/fixtures/stateful/apis',
      mocksDir: 'test/fixtures/stateful/valid',
      audience: 'internal',
    });
    if (loaded.failed) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    mock = createMockServer({
      catalog: loaded.catalog,
      prepareWorkers: 1,
      dataDir,
      maxObjectsPerConsumer: maxObjects,
      maxBytesPerConsumer: 64 * 1024,
    });
    mockHttp = createServer(mock.handle);
    await new Promise<void>((resolve) => mockHttp.listen(0, '127.0.0.1', resolve));
    await mock.prepareAll();
    const { port } = mockHttp.address() as AddressInfo;
    sandbox = await startGatewaySandbox({
      catalog: loaded.catalog,
      upstreamUrl: `http://127.0.0.1:${String(port)}`,
    });
    for (const name of ['alice', 'bob', 'flood'] as const) {
      keys[name] = await sandbox.issueKey({ application: `Appli ${name}`, api: 'dossiers' });
    }
    const created = await call('alice', 'POST', '/dossiers', { etat: 'secret-alice' });
    assert.equal(created.status, 201);
    aliceDossier = `/${created.headers.get('location') ?? ''}`;
  });
  after(async () => {
    await sandbox.close();
    mockHttp.closeAllConnections();
    mockHttp.close();
    await mock.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function call(
    who: keyof typeof keys,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
    const response = await fetch(`${sandbox.baseUrl}/dossiers/v1${path}`, {
      method,
      headers: { 'x-api-key': keys[who].key, 'content-type': 'application/json', ...headers },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      // Not JSON: kept as text.
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  const typeOf = (body: unknown): unknown => (body as { type?: unknown } | undefined)?.type;

  test("impersonation: another's consumer id in X-Guichet-Consumer", async () => {
    const read = await call('bob', 'GET', aliceDossier, undefined, {
      'x-guichet-consumer': keys.alice.consumerId,
    });
    assert.equal(read.status, 404);
    assert.doesNotMatch(read.text, /secret-alice/);
  });

  test('impersonation: the header in capitals, and twice with both ids', async () => {
    for (const value of [
      keys.alice.consumerId,
      `${keys.alice.consumerId}, ${keys.bob.consumerId}`,
    ]) {
      const read = await call('bob', 'GET', aliceDossier, undefined, {
        'X-GUICHET-CONSUMER': value,
      });
      assert.equal(read.status, 404);
    }
    const listed = await call('bob', 'GET', '/dossiers', undefined, {
      'x-guichet-consumer': keys.alice.consumerId,
    });
    assert.equal(listed.status, 200);
    assert.doesNotMatch(listed.text, /secret-alice/);
  });

  test("impersonation: a reset naming another's consumer resets only one's own", async () => {
    const reset = await call('bob', 'DELETE', '/_guichet/data', undefined, {
      'x-guichet-consumer': keys.alice.consumerId,
    });
    assert.equal(reset.status, 204);
    assert.equal((await call('alice', 'GET', aliceDossier)).status, 200);
  });

  test('impersonation: the header without a key reaches nothing', async () => {
    const response = await fetch(`${sandbox.baseUrl}/dossiers/v1${aliceDossier}`, {
      headers: { 'x-guichet-consumer': keys.alice.consumerId },
    });
    assert.equal(response.status, 401);
    assert.doesNotMatch(await response.text(), /secret-alice/);
  });

  test('a huge body (2 MiB) is refused before it is stored', async () => {
    const huge = await call('bob', 'POST', '/dossiers', { etat: 'x'.repeat(2 * 1024 * 1024) });
    assert.equal(huge.status, 413);
    assert.equal(typeOf(huge.body), '/problems/body-too-large');
  });

  test('an object over the bytes a consumer may keep (a 100 KiB field) gets 507', async () => {
    const large = await call('bob', 'POST', '/dossiers', { etat: 'x'.repeat(100 * 1024) });
    assert.equal(large.status, 507);
    assert.equal(typeOf(large.body), '/problems/sandbox-data-limit');
  });

  test('deep JSON: a body nested 100,000 levels', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const refused = await call('bob', 'POST', '/dossiers', deep);
    assert.equal(refused.status, 400);
    assert.equal(typeOf(refused.body), '/problems/json-too-deep');
    const patched = await call('alice', 'PATCH', aliceDossier, deep, {
      'content-type': 'application/merge-patch+json',
    });
    assert.equal(patched.status, 400);
    assert.equal((await call('alice', 'GET', aliceDossier)).status, 200);
  });

  test('many objects: a flood stops at the limit, and others keep creating', async () => {
    let last = 0;
    let made = 0;
    for (let index = 0; index < maxObjects + 5 && last !== 507; index += 1) {
      last = (await call('flood', 'POST', '/dossiers', { etat: `n${String(index)}` })).status;
      if (last === 201) made += 1;
    }
    assert.equal(last, 507);
    // The five seeds (two dossiers from the document, three objects from the owners) count too.
    assert.equal(made, maxObjects - 5);
    assert.equal((await call('bob', 'POST', '/dossiers', { etat: 'still fine' })).status, 201);
  });

  test('ids with path tricks: ../ and encoded slashes reach no other object', async () => {
    for (const path of [
      `/inscription/..%2FI-1`,
      `/inscription/I-1%2F..%2FI-2`,
      `/inscription/%2E%2E%2FI-1`,
      `/inscription/I-1%00`,
      `/dossiers/7%2F..%2F9/pieces`,
    ]) {
      const read = await call('bob', 'GET', path);
      assert.ok([404, 422].includes(read.status), `${path}: ${String(read.status)}`);
      assert.doesNotMatch(read.text, /Camille|Dominique/, path);
    }
  });

  test('ids with path tricks: a client-chosen id "../../x" is held to its schema', async () => {
    const made = await call('bob', 'POST', '/dossiers/7/pieces', { pieceId: '../../x', nom: 'a' });
    assert.equal(made.status, 422);
    assert.equal(typeOf(made.body), '/problems/request-violations');
  });

  test('prototype pollution: __proto__ and constructor in a created body', async () => {
    const body =
      '{"etat":"p","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    const made = await call('bob', 'POST', '/dossiers', body);
    assert.equal(made.status, 201);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    const back = await call('bob', 'GET', `/${made.headers.get('location') ?? ''}`);
    assert.equal(back.status, 200);
    // Plain data, kept as the consumer wrote it, with no effect on any object.
    assert.deepEqual(Object.getPrototypeOf(back.body), Object.prototype);
    assert.match(back.text, /"__proto__":\{"polluted":true\}/);
  });

  test('prototype pollution: __proto__ in a merge patch and in a JSON Patch path', async () => {
    const merged = await call('alice', 'PATCH', aliceDossier, '{"__proto__":{"polluted":true}}', {
      'content-type': 'application/merge-patch+json',
    });
    assert.equal(merged.status, 200, merged.text);
    const patched = await call(
      'alice',
      'PATCH',
      aliceDossier,
      [{ op: 'add', path: '/__proto__/polluted', value: true }],
      { 'content-type': 'application/json-patch+json' },
    );
    assert.equal(patched.status, 422);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    const back = await call('alice', 'GET', aliceDossier);
    assert.equal((back.body as { etat: string }).etat, 'secret-alice');
  });
});

describe("the owners' stateful section of a stubs file, from a hostile pull request", () => {
  const document = readFileSync('test/fixtures/stateful/apis/dossiers/openapi.yaml', 'utf8');

  async function loadWith(stubs: string) {
    const repo = await createHostileRepo({
      'apis/dossiers/openapi.yaml': document,
      'mocks/dossiers/stubs.yaml': stubs,
    });
    try {
      return await loadCatalog({
        apisDir: repo.apisDir,
        mocksDir: repo.mocksDir,
        audience: 'internal',
        brokenApis: 'leave-out',
      });
    } finally {
      await repo.remove();
    }
  }

  test('more seeds than a resource may give (101)', async () => {
    const seeds = Array.from(
      { length: 101 },
      (_, index) => `        - { numero: I-${String(index)} }`,
    );
    const result = await loadWith(
      [
        'stateful:',
        '  resources:',
        '    - collection: /inscriptions',
        '      item: /inscription/{numero}',
        '      seeds:',
        ...seeds,
      ].join('\n'),
    );
    assert.deepEqual(
      result.problems
        .filter((problem) => problem.severity === 'error')
        .map((problem) => `${problem.field} — ${problem.message}`),
      ['stateful.resources.0.seeds — must list at most 100 items'],
    );
    // The API stays, with what its document alone gives.
    assert.equal(result.catalog.apis[0]?.versions[0]?.resources.length, 3);
  });

  test('seeds holding __proto__ and constructor stay plain data', async () => {
    const result = await loadWith(
      [
        'stateful:',
        '  resources:',
        '    - collection: /inscriptions',
        '      item: /inscription/{numero}',
        '      seeds:',
        '        - { numero: I-1, __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }',
      ].join('\n'),
    );
    assert.deepEqual(result.problems.map(formatProblem), []);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    const seed = result.catalog.apis[0]?.versions[0]?.resources.find(
      (r) => r.collectionPath === '/inscriptions',
    )?.seeds[0];
    assert.equal(seed?.id, 'I-1');
  });

  test('an id field naming __proto__', async () => {
    const result = await loadWith(
      [
        'stateful:',
        '  resources:',
        '    - collection: /inscriptions',
        '      item: /inscription/{numero}',
        '      idField: __proto__',
      ].join('\n'),
    );
    assert.deepEqual(
      result.problems
        .filter((problem) => problem.severity === 'error')
        .map((problem) => `${problem.field} — ${problem.message}`),
      [
        'stateful.resources.0.idField — is not a field of the objects of /inscriptions (got "__proto__")',
      ],
    );
  });
});
