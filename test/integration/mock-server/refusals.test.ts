import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readProblem, startMockServer, type TestMockServer } from './helpers/start-mock-server.ts';

describe('mock server refusals are problem+json', () => {
  let test: TestMockServer;
  let base: string;

  before(async () => {
    test = await startMockServer({ maxBodyBytes: 1024 });
    await test.mock.prepareAll();
    base = `${test.baseUrl}/entreprises/v2`;
  });
  after(async () => {
    await test.close();
  });

  it('lists the violations of an invalid request (422)', async () => {
    const response = await fetch(`${base}/declarations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-422' },
      body: JSON.stringify({ siren: '4123', montant: -5 }),
    });
    assert.equal(response.status, 422);
    assert.equal(response.headers.get('x-guichet-operation'), 'POST /declarations');
    const problem = await readProblem(response);
    assert.equal(problem.type, '/problems/request-violations');
    assert.equal(problem.title, 'Requête non conforme au document');
    assert.equal(problem.instance, 'req-422');
    assert.equal(
      problem.detail,
      'La requête enfreint la description de l’opération en 2 endroits.',
    );
    const violations = problem.violations ?? [];
    assert.deepEqual(violations.map((violation) => violation.location).sort(), [
      'body.montant',
      'body.siren',
    ]);
    assert.ok(violations.every((violation) => violation.message.length > 0));
  });

  it('refuses a path parameter or query value that breaks its schema', async () => {
    const response = await fetch(`${base}/declarations?page=0`);
    assert.equal(response.status, 422);
    const problem = await readProblem(response);
    assert.deepEqual(
      problem.violations?.map((violation) => violation.location),
      ['query.page'],
    );
  });

  it('answers 404 for an unknown API, version or route, and 405 with Allow', async () => {
    const api = await readProblem(await fetch(`${test.baseUrl}/inconnue/v2/entreprises`));
    assert.deepEqual([api.status, api.type], [404, '/problems/unknown-api']);

    const version = await readProblem(await fetch(`${test.baseUrl}/entreprises/v9/entreprises`));
    assert.deepEqual([version.status, version.type], [404, '/problems/unknown-version']);
    assert.equal(version.detail, 'entreprises n’a pas de version « v9 » ; elle a v2, v1.');

    const route = await fetch(`${base}/etablissements/41234567000019`);
    assert.equal(route.headers.get('x-guichet-operation'), null);
    const routeProblem = await readProblem(route);
    assert.deepEqual(
      [routeProblem.status, routeProblem.type],
      [404, '/problems/unknown-operation'],
    );

    const method = await fetch(`${base}/declarations`, { method: 'DELETE' });
    assert.equal(method.status, 405);
    assert.equal(method.headers.get('allow'), 'GET, POST');
    assert.equal((await readProblem(method)).type, '/problems/undocumented-method');
  });

  it('answers 410 for a retired version', async () => {
    const problem = await readProblem(
      await fetch(`${test.baseUrl}/entreprises/v1/entreprises/412345670`),
    );
    assert.deepEqual([problem.status, problem.type], [410, '/problems/version-retired']);
  });

  it('refuses an unknown example, a bad Prefer header, bad JSON and a large body', async () => {
    const example = await fetch(`${base}/entreprises/412345670`, {
      headers: { prefer: 'example=inexistant' },
    });
    assert.equal(example.headers.get('x-guichet-operation'), 'consulterEntreprise');
    const exampleProblem = await readProblem(example);
    assert.deepEqual(
      [exampleProblem.status, exampleProblem.type],
      [404, '/problems/preference-unavailable'],
    );

    const prefer = await readProblem(
      await fetch(`${base}/entreprises/412345670`, { headers: { prefer: 'code=abc' } }),
    );
    assert.deepEqual([prefer.status, prefer.type], [400, '/problems/invalid-prefer-header']);

    const json = await readProblem(
      await fetch(`${base}/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"siren": ',
      }),
    );
    assert.deepEqual([json.status, json.type], [400, '/problems/malformed-json']);

    const large = await readProblem(
      await fetch(`${base}/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ siren: '412345670', montant: 1, note: 'x'.repeat(2000) }),
      }),
    );
    assert.deepEqual([large.status, large.type], [413, '/problems/body-too-large']);
  });
});

describe('a version still being prepared', () => {
  let test: TestMockServer;

  before(async () => {
    // No waiting at all: the first request cannot find the version ready.
    test = await startMockServer({ loadWaitMs: 0, retryAfterSeconds: 3 });
  });
  after(async () => {
    await test.close();
  });

  it('gets 503 with Retry-After, then answers once prepared', async () => {
    const early = await fetch(`${test.baseUrl}/entreprises/v2/entreprises/412345670`);
    assert.equal(early.headers.get('retry-after'), '3');
    const problem = await readProblem(early);
    assert.deepEqual([problem.status, problem.type], [503, '/problems/api-starting']);

    await test.mock.prepareAll();
    const later = await fetch(`${test.baseUrl}/entreprises/v2/entreprises/412345670`);
    assert.equal(later.status, 200);
  });
});
