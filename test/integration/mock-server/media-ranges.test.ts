import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readProblem, startMockServer, type TestMockServer } from './helpers/start-mock-server.ts';

/** Responses declared with a media range (any type, `application/*`, `text/*`) and a schema. */
describe('responses declared with a media range (real Prism, real sockets)', () => {
  let test: TestMockServer;
  let base: string;

  before(async () => {
    test = await startMockServer({}, 'test/integration/mock-server/fixtures/media-ranges');
    await test.mock.prepareAll();
    base = `${test.baseUrl}/plages/v1`;
  });
  after(async () => {
    await test.close();
  });

  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}${path}`, { headers });

  it('answers */* with a JSON schema from the schema, as application/json', async () => {
    for (const headers of [{}, { accept: '*/*' }, { accept: 'application/json' }]) {
      const response = await get('/fiches', headers);
      assert.equal(response.status, 200, JSON.stringify(headers));
      assert.equal(response.headers.get('content-type'), 'application/json');
      const body = (await response.json()) as { nom: unknown; total: unknown };
      assert.equal(typeof body.nom, 'string');
      assert.equal(typeof body.total, 'number');
    }
  });

  it('answers */* from the schema when Prefer: dynamic=true asks for a generated answer', async () => {
    const response = await get('/fiches', { prefer: 'dynamic=true' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const body = (await response.json()) as { nom: unknown; total: unknown };
    assert.equal(typeof body.nom, 'string');
    assert.equal(typeof body.total, 'number');
  });

  it("serves a */* response's example as application/json", async () => {
    const response = await get('/fiches/exemple');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.deepEqual(await response.json(), { nom: 'Dupont', total: 3 });
  });

  it('answers application/* as application/json, statically and dynamically', async () => {
    for (const headers of [{}, { prefer: 'dynamic=true' }]) {
      const response = await get('/applications', headers);
      assert.equal(response.status, 200, JSON.stringify(headers));
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.ok(Array.isArray(await response.json()));
    }
  });

  it('honours a concrete Accept the range covers and the schema can be written in', async () => {
    const vendor = await get('/fiches', { accept: 'application/vnd.guichet.fiche+json' });
    assert.equal(vendor.status, 200);
    assert.equal(vendor.headers.get('content-type'), 'application/vnd.guichet.fiche+json');
    assert.equal(typeof ((await vendor.json()) as { nom: unknown }).nom, 'string');

    const preferred = await get('/fiches', {
      accept: 'text/html;q=0.9, application/problem+json;q=0.1, application/json',
    });
    assert.equal(preferred.headers.get('content-type'), 'application/json');
  });

  it('refuses with 406, not 500, an Accept the schema cannot be written in', async () => {
    const response = await get('/fiches', { accept: 'text/csv' });
    assert.equal(response.status, 406);
    assert.equal((await readProblem(response)).type, '/problems/not-acceptable');
  });

  it('answers text/* and a */* string as text/plain, or the text type Accept names', async () => {
    for (const path of ['/texte', '/chaine']) {
      const plain = await get(path);
      assert.equal(plain.status, 200, path);
      assert.equal(plain.headers.get('content-type'), 'text/plain', path);
      assert.equal(await plain.text(), 'Bonjour');
    }
    const csv = await get('/texte', { accept: 'text/csv' });
    assert.equal(csv.headers.get('content-type'), 'text/csv');
  });
});
