import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readProblem, startMockServer, type TestMockServer } from './helpers/start-mock-server.ts';

describe('mock server answers (real Prism, real sockets)', () => {
  let test: TestMockServer;
  let base: string;

  before(async () => {
    test = await startMockServer();
    await test.mock.prepareAll();
    base = `${test.baseUrl}/entreprises/v2`;
  });
  after(async () => {
    await test.close();
  });

  it("serves the document's first example and names the operation", async () => {
    const response = await fetch(`${base}/entreprises/412345670`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(response.headers.get('x-guichet-operation'), 'consulterEntreprise');
    assert.equal(response.headers.get('x-guichet-stub'), null);
    assert.deepEqual(await response.json(), {
      siren: '412345670',
      denomination: 'Ateliers Verrier',
      etat: 'active',
    });
  });

  it('names an operation without operationId by method and path template', async () => {
    const response = await fetch(`${base}/declarations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ siren: '412345670', montant: 1200.5 }),
    });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-guichet-operation'), 'POST /declarations');
    assert.deepEqual(await response.json(), { id: 'DF-2026-000001' });
  });

  it("serves a document's named example, or another status, when Prefer asks", async () => {
    const named = await fetch(`${base}/entreprises/412345670`, {
      headers: { prefer: 'example=fermee' },
    });
    assert.equal(named.status, 200);
    assert.equal(((await named.json()) as { etat: string }).etat, 'cessee');

    const notFound = await fetch(`${base}/entreprises/412345670`, {
      headers: { prefer: 'code=404' },
    });
    assert.equal(notFound.status, 404);
    assert.equal(notFound.headers.get('x-guichet-operation'), 'consulterEntreprise');
    assert.equal(((await notFound.json()) as { title: string }).title, 'Entreprise introuvable');
  });

  it("serves the owners' extra example when Prefer names it", async () => {
    const response = await fetch(`${base}/entreprises/412345670`, {
      headers: { prefer: 'example=radiee' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-source'), 'bac-a-sable');
    assert.equal(response.headers.get('x-guichet-operation'), 'consulterEntreprise');
    assert.deepEqual(await response.json(), {
      siren: '318456787',
      denomination: 'Boulangerie Martin',
      etat: 'cessee',
    });
  });

  it('generates an answer from the schema when Prefer asks for dynamic', async () => {
    const response = await fetch(`${base}/declarations`, { headers: { prefer: 'dynamic=true' } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { total: unknown; declarations: unknown };
    assert.equal(Number.isInteger(body.total), true);
    assert.ok((body.total as number) >= 0);
    assert.ok(Array.isArray(body.declarations));
    for (const id of body.declarations as unknown[]) assert.match(String(id), /^DF-\d{4}-\d{6}$/);
  });

  it('prepares with Prism itself a document whose example holds a $ref, and serves it as data', async () => {
    // Prism's dereferencing refused this document (it followed the `$ref` inside the example and
    // found nothing); the mock server now drops such references from literal data first.
    const response = await fetch(`${test.baseUrl}/casse/v1/schemas`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-guichet-operation'), 'listerSchemas');
    assert.deepEqual(await response.json(), {});
    const version = test.mock.health().versions.find((item) => item.api === 'casse');
    assert.deepEqual([version?.preparation, version?.fallbackReason], ['prism', undefined]);
  });

  it('answers a stub before the document, exact path first', async () => {
    const response = await fetch(`${base}/entreprises/000000000`);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    assert.equal(response.headers.get('x-guichet-stub'), 'siren-inconnu');
    assert.equal(response.headers.get('x-guichet-operation'), 'consulterEntreprise');
    const body = (await response.json()) as { detail: string };
    assert.equal(body.detail, 'Aucune entreprise ne porte le SIREN 000000000.');
  });

  it('matches stubs on template parameters, query and JSON body fields', async () => {
    const byParameter = await fetch(`${base}/entreprises/523456788`);
    assert.equal(byParameter.headers.get('x-guichet-stub'), 'fermee-par-parametre');
    assert.equal(((await byParameter.json()) as { etat: string }).etat, 'cessee');

    const byQuery = await fetch(`${base}/declarations?page=2`);
    assert.equal(byQuery.headers.get('x-guichet-stub'), 'seconde-page');
    assert.deepEqual(await byQuery.json(), { total: 0, declarations: [] });

    const byBody = await fetch(`${base}/declarations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ siren: '412345670', montant: 0 }),
    });
    assert.equal(byBody.status, 201);
    assert.equal(byBody.headers.get('x-motif'), 'montant-nul');
    assert.deepEqual(await byBody.json(), { id: 'DF-2026-000000' });

    // Other values fall through to the document.
    const other = await fetch(`${base}/declarations?page=3`);
    assert.equal(other.headers.get('x-guichet-stub'), null);
    assert.equal(other.status, 200);
  });

  it('reports every version in the health report', async () => {
    const response = await fetch(`${test.baseUrl}/_mock/health`);
    assert.equal(response.status, 200);
    const report = (await response.json()) as {
      ready: number;
      loading: number;
      failed: number;
      retired: number;
      versions: { api: string; version: string; state: string; preparation?: string }[];
    };
    assert.deepEqual([report.ready, report.loading, report.failed, report.retired], [2, 0, 0, 1]);
    assert.deepEqual(
      report.versions.map((item) => [item.api, item.version, item.state, item.preparation]),
      [
        ['casse', 'v1', 'ready', 'prism'],
        ['entreprises', 'v2', 'ready', 'prism'],
        ['entreprises', 'v1', 'retired', undefined],
      ],
    );
    // A problem from a request that carried the gateway's id quotes it as `instance`.
    const refused = await fetch(`${test.baseUrl}/inconnue/v1/x`, {
      headers: { 'x-request-id': 'gw-7f3a:12' },
    });
    assert.equal((await readProblem(refused)).instance, 'gw-7f3a:12');
  });
});
