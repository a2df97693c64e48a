import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  formatProblem,
  loadCatalog,
  type Catalog,
  type CatalogResource,
  type CatalogVersion,
} from '../../../catalog/index.ts';
import {
  createAnswerValidator,
  readOperations,
  type AnswerValidator,
} from '../../../bench/lib/stateful/answer-validator.ts';
import { buildRequest } from '../../../bench/lib/stateful/build-request.ts';
import {
  createThenRead,
  send,
  type RoundTripSetup,
} from '../../../bench/lib/stateful/round-trip.ts';
import type { MockOperation } from '../../../mock-server/prism/prism-engine.ts';
import { startMockServer, type TestMockServer } from './helpers/start-mock-server.ts';

/** Every answer of these tests is checked against its declared schema by ajv. */
function checked(
  validator: AnswerValidator,
  method: string,
  path: string,
  status: number,
  body: unknown,
): void {
  assert.deepEqual(
    validator.check(method, path, status, body),
    [],
    `${method} ${path} ${String(status)}`,
  );
}

function itemsOf(resource: CatalogResource, body: unknown): Record<string, unknown>[] {
  const field = resource.list?.itemsField;
  const items = field === undefined ? body : (body as Record<string, unknown>)[field];
  assert.ok(Array.isArray(items));
  return items as Record<string, unknown>[];
}

describe('the sandbox remembers the sample APIs’ objects, per consumer', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-stateful-'));
  const loaded = await loadCatalog({ audience: 'internal' });
  assert.deepEqual(loaded.problems.filter((p) => p.severity === 'error').map(formatProblem), []);
  const catalog: Catalog = loaded.catalog;
  let server: TestMockServer;
  before(async () => {
    server = await startMockServer({ dataDir, prepareWorkers: 2 }, 'apis-and-mocks', catalog);
    await server.mock.prepareAll();
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const versions = catalog.apis.flatMap((api) =>
    api.versions.map((version) => ({ api: api.id, version })),
  );
  const setupFor = (
    api: string,
    version: CatalogVersion,
    consumer: string,
  ): RoundTripSetup & { operations: MockOperation[] } => {
    const operations = readOperations(version.document);
    return {
      baseUrl: `${server.baseUrl}/${api}/${version.id}`,
      headers: { 'x-guichet-consumer': consumer },
      resources: version.resources,
      operations,
      validator: createAnswerValidator(operations),
    };
  };
  const operationOf = (
    setup: { operations: MockOperation[] },
    op: { method: string; path: string },
  ) => {
    const found = setup.operations.find(
      (item) => item.method.toUpperCase() === op.method && item.path === op.path,
    );
    assert.ok(found);
    return found;
  };

  test('every sample resource the catalog found is here', () => {
    assert.deepEqual(
      versions.flatMap(({ api, version }) =>
        version.resources.map((r) => `${api} ${version.id} ${r.collectionPath}`),
      ),
      [
        'declarations-fiscales v2 /declarations',
        'declarations-fiscales v1 /declarations',
        'grant-applications v1 /applications',
        'rendez-vous v1 /rendez-vous',
      ],
    );
  });

  for (const { api, version } of versions) {
    for (const resource of version.resources) {
      test(`${api} ${version.id} ${resource.name}: create → read → update → list → delete`, async () => {
        const setup = setupFor(api, version, 'con_roundtrip');
        const made = await createThenRead(setup, resource);
        assert.ok(made.ok, made.ok ? '' : `${made.step}: ${made.reason}`);
        let expected = made.object as Record<string, unknown>;
        const { update, replace, list } = resource.operations;
        if (update) {
          const patchOperation = operationOf(setup, update);
          const patch = buildRequest(patchOperation, made.values).body as Record<string, unknown>;
          const changed = await send(
            setup,
            {
              method: 'PATCH',
              target: '',
              headers: { 'content-type': 'application/merge-patch+json' },
              body: patch,
            },
            made.itemUrl,
          );
          assert.equal(changed.status, 200, JSON.stringify(changed.body));
          checked(setup.validator, 'PATCH', update.path, 200, changed.body);
          expected = { ...expected, ...patch };
          assert.deepEqual(changed.body, expected);
        }
        if (replace) {
          const putOperation = operationOf(setup, replace);
          const built = buildRequest(putOperation, made.values);
          const replaced = await send(setup, { ...built, target: '' }, made.itemUrl);
          assert.ok(replaced.status >= 200 && replaced.status < 300);
        }
        const reread = await send(
          setup,
          { method: 'GET', target: '', headers: {}, body: undefined },
          made.itemUrl,
        );
        assert.equal(reread.status, 200);
        if (!replace) assert.deepEqual(reread.body, expected);
        if (list) {
          const listed = await send(setup, buildRequest(operationOf(setup, list), made.values));
          assert.equal(listed.status, 200, JSON.stringify(listed.body));
          checked(setup.validator, 'GET', list.path, 200, listed.body);
          const ids = itemsOf(resource, listed.body).map((item) => item[resource.idField ?? 'id']);
          assert.ok(
            ids.includes((reread.body as Record<string, unknown>)[resource.idField ?? 'id']),
            `${made.id} not in ${JSON.stringify(ids)}`,
          );
        }
        if (resource.operations.delete) {
          const removed = await send(
            setup,
            { method: 'DELETE', target: '', headers: {}, body: undefined },
            made.itemUrl,
          );
          assert.equal(removed.status, 204);
          const gone = await send(
            setup,
            { method: 'GET', target: '', headers: {}, body: undefined },
            made.itemUrl,
          );
          assert.equal(gone.status, 404);
          checked(setup.validator, 'GET', resource.itemPath, 404, gone.body);
        }
      });
    }
  }

  const declarations = (): { version: CatalogVersion; resource: CatalogResource } => {
    const version = catalog.apis
      .find((a) => a.id === 'declarations-fiscales')
      ?.versions.find((v) => v.id === 'v2');
    assert.ok(version?.resources[0]);
    return { version, resource: version.resources[0] };
  };

  test('each consumer sees only its own objects, and the seeds the document gives', async () => {
    const { version, resource } = declarations();
    const alice = setupFor('declarations-fiscales', version, 'con_alice');
    const bob = setupFor('declarations-fiscales', version, 'con_bob');
    const made = await createThenRead(alice, resource);
    assert.ok(made.ok);
    const seen = await send(
      bob,
      { method: 'GET', target: '', headers: {}, body: undefined },
      made.itemUrl,
    );
    assert.equal(seen.status, 404);
    const query = '/declarations?siren=412345670&exercice=2026';
    const listed = await send(bob, { method: 'GET', target: query, headers: {}, body: undefined });
    const ids = itemsOf(resource, listed.body).map((item) => item.id);
    assert.deepEqual(ids, ['DF-2026-004217', 'DF-2026-003980', 'DF-2026-004311']);
    // Seeds are read like any object, and filters keep what matches.
    const deposited = await send(bob, {
      method: 'GET',
      target: `${query}&statut=deposee`,
      headers: {},
      body: undefined,
    });
    assert.deepEqual(
      itemsOf(resource, deposited.body).map((item) => item.id),
      ['DF-2026-004217'],
    );
    const paged = await send(bob, {
      method: 'GET',
      target: `${query}&taille=2&page=2`,
      headers: {},
      body: undefined,
    });
    assert.deepEqual(paged.body, {
      donnees: [itemsOf(resource, listed.body)[2]],
      pagination: { page: 2, taille: 2, total: 3 },
    });
  });

  test('a stateless operation, or a call without a consumer, never reaches the store', async () => {
    const store = server.mock.store;
    assert.ok(store);
    const before = store.calls();
    const base = `${server.baseUrl}/declarations-fiscales/v2`;
    const obligations = await fetch(`${base}/entreprises/412345670/obligations`, {
      headers: { 'x-guichet-consumer': 'con_alice' },
    });
    assert.equal(obligations.status, 200);
    const anonymous = await fetch(`${base}/declarations/DF-2026-000001`);
    assert.equal(anonymous.status, 200);
    assert.equal(((await anonymous.json()) as { id: string }).id, 'DF-2026-004217');
    assert.equal(store.calls(), before);
  });

  test('a named stub and `Prefer: code=` / `example=` still answer, and nothing is stored', async () => {
    const { version } = declarations();
    const setup = setupFor('declarations-fiscales', version, 'con_prefer');
    const summary = async () =>
      (
        (
          await send(setup, {
            method: 'GET',
            target: '/_guichet/data',
            headers: {},
            body: undefined,
          })
        ).body as { objects: number }
      ).objects;
    const start = await summary();
    const body = {
      siren: '412345670',
      formulaire: 'CA3',
      regimeFiscal: 'reel-normal',
      exercice: 2026,
      periode: { debut: '2026-09-01', fin: '2026-09-30' },
      montant: 0,
    };
    const stubbed = await send(setup, {
      method: 'POST',
      target: '/declarations',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(stubbed.status, 422);
    assert.equal(stubbed.headers.get('x-guichet-stub'), 'montant-nul');
    const asked = await send(setup, {
      method: 'POST',
      target: '/declarations',
      headers: { 'content-type': 'application/json', prefer: 'code=422' },
      body: { ...body, montant: 5 },
    });
    assert.equal(asked.status, 422);
    const example = await send(setup, {
      method: 'GET',
      target: '/declarations/DF-2026-123456',
      headers: { prefer: 'example=rejetee' },
      body: undefined,
    });
    assert.equal((example.body as { statut: string }).statut, 'rejetee');
    assert.equal(await summary(), start);
  });

  test('an invalid body is refused with the violations, as before', async () => {
    const { version } = declarations();
    const setup = setupFor('declarations-fiscales', version, 'con_alice');
    const refused = await send(setup, {
      method: 'POST',
      target: '/declarations',
      headers: { 'content-type': 'application/json' },
      body: { siren: '1' },
    });
    assert.equal(refused.status, 422);
    assert.equal((refused.body as { type: string }).type, '/problems/request-violations');
    const patched = await send(setup, {
      method: 'PATCH',
      target: '/declarations/DF-2026-004217',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { montant: -1 },
    });
    assert.equal(patched.status, 422);
  });

  test('data survive a restart of the mock server; a reset empties them and the seeds come back', async () => {
    const { version, resource } = declarations();
    const setup = setupFor('declarations-fiscales', version, 'con_restart');
    const made = await createThenRead(setup, resource);
    assert.ok(made.ok);
    await server.close();
    server = await startMockServer({ dataDir, prepareWorkers: 2 }, 'apis-and-mocks', catalog);
    await server.mock.prepareAll();
    const again = { ...setup, baseUrl: `${server.baseUrl}/declarations-fiscales/v2` };
    const itemUrl = made.itemUrl.replace(setup.baseUrl, again.baseUrl);
    const read = await send(
      again,
      { method: 'GET', target: '', headers: {}, body: undefined },
      itemUrl,
    );
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, made.object);
    const reset = await send(again, {
      method: 'DELETE',
      target: '/_guichet/data',
      headers: {},
      body: undefined,
    });
    assert.equal(reset.status, 204);
    const gone = await send(
      again,
      { method: 'GET', target: '', headers: {}, body: undefined },
      itemUrl,
    );
    assert.equal(gone.status, 404);
    const seed = await send(again, {
      method: 'GET',
      target: '/declarations/DF-2026-004217',
      headers: {},
      body: undefined,
    });
    assert.equal(seed.status, 200);
  });
});

describe('nested resources, PUT, JSON Patch and the owners’ controls (fixture API)', async () => {
  const loaded = await loadCatalog({
    apisDir: 'test/fixtures/stateful/apis',
    mocksDir: 'test/fixtures/stateful/valid',
    audience: 'internal',
  });
  assert.deepEqual(loaded.problems.map(formatProblem), []);
  let server: TestMockServer;
  before(async () => {
    server = await startMockServer({ maxObjectsPerConsumer: 12 }, 'unused', loaded.catalog);
    await server.mock.prepareAll();
  });
  after(async () => {
    await server.close();
  });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; headers: Headers; body: unknown }> => {
    const response = await fetch(`${server.baseUrl}/dossiers/v1${path}`, {
      method,
      headers: { 'x-guichet-consumer': 'con_fixture', 'content-type': contentType },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  };

  test('integer ids follow the largest one; PUT replaces what the request declares, keeps the rest', async () => {
    const created = await call('POST', '/dossiers', {
      etat: 'ouvert',
      demandeur: { commune: 'Lyon' },
    });
    assert.equal(created.status, 201);
    // Seeds 7 and 9 come from the document's examples.
    assert.deepEqual(created.body, { etat: 'ouvert', demandeur: { commune: 'Lyon' }, id: 10 });
    assert.equal(created.headers.get('location'), 'dossiers/10');
    assert.equal((await call('PUT', '/dossiers/10', { etat: 'ferme' })).status, 200);
    assert.deepEqual((await call('GET', '/dossiers/10')).body, { etat: 'ferme', id: 10 });
  });

  test('JSON Patch where the document declares it: applied whole, or 409 when a test fails', async () => {
    const patched = await call(
      'PATCH',
      '/dossiers/10',
      [
        { op: 'replace', path: '/etat', value: 'archive' },
        { op: 'add', path: '/demandeur', value: { commune: 'Dole' } },
      ],
      'application/json-patch+json',
    );
    assert.equal(patched.status, 200);
    const failed = await call(
      'PATCH',
      '/dossiers/10',
      [
        { op: 'test', path: '/etat', value: 'ouvert' },
        { op: 'remove', path: '/demandeur' },
      ],
      'application/json-patch+json',
    );
    assert.equal(failed.status, 409);
    assert.equal((failed.body as { type: string }).type, '/problems/patch-not-applicable');
    assert.deepEqual((await call('GET', '/dossiers/10')).body, {
      etat: 'archive',
      id: 10,
      demandeur: { commune: 'Dole' },
    });
  });

  test('a nested object lives under its parent, which must exist', async () => {
    const piece = await call('POST', '/dossiers/10/pieces', { nom: 'devis.pdf' });
    assert.equal(piece.status, 201);
    const location = piece.headers.get('location') ?? '';
    assert.match(location, /^pieces\/[0-9a-f-]{36}$/);
    assert.equal((await call('GET', `/dossiers/10/${location}`)).status, 200);
    assert.equal((await call('GET', `/dossiers/9/${location}`)).status, 404);
    assert.equal((await call('POST', '/dossiers/99/pieces', { nom: 'x' })).status, 404);
    // The owners' seed lives under the parent they named.
    const seeded = await call('GET', '/dossiers/7/pieces');
    assert.deepEqual(seeded.body, [
      { pieceId: '6f1c2d4e-0000-4000-8000-000000000001', nom: 'avis.pdf' },
    ]);
  });

  test('an operation the owners turned off answers from examples and changes nothing', async () => {
    const removed = await call('DELETE', '/dossiers/10');
    assert.equal(removed.status, 204);
    assert.equal((await call('GET', '/dossiers/10')).status, 200);
  });

  test('a resource mapped by hand answers at its item path, with the owners’ seeds', async () => {
    assert.deepEqual((await call('GET', '/inscription/I-2')).body, {
      numero: 'I-2',
      nom: 'Dominique',
    });
    const created = await call('POST', '/inscriptions', { nom: 'Eve' });
    assert.equal(created.status, 201);
    assert.match(created.headers.get('location') ?? '', /^inscription\/[A-Za-z0-9]{12}$/);
  });

  test('past the objects a consumer may keep, a 507 sandbox-data-limit problem; nothing is lost', async () => {
    let last: { status: number; body: unknown } = { status: 0, body: undefined };
    for (let index = 0; index < 20 && last.status !== 507; index += 1) {
      last = await call('POST', '/dossiers', { etat: `n${String(index)}` });
    }
    assert.equal(last.status, 507);
    assert.equal((last.body as { type: string }).type, '/problems/sandbox-data-limit');
    const summary = (await call('GET', '/_guichet/data')).body as {
      consumer: { objects: number };
      limits: { objects: number };
    };
    assert.equal(summary.consumer.objects, 12);
    assert.equal(summary.limits.objects, 12);
    assert.equal((await call('GET', '/dossiers/10')).status, 200);
  });
});
