import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  formatProblem,
  loadCatalog,
  sandboxStubsSchema,
  type CatalogSandbox,
} from '../../../catalog/index.ts';

const root = 'test/fixtures/stubs';
const apisDir = `${root}/apis`;

async function loadWith(mocksDir: string) {
  return loadCatalog({ apisDir, mocksDir, audience: 'internal' });
}

describe('sandbox stubs (mocks/<api-id>/stubs.yaml)', () => {
  test('a valid file is resolved against every version of the API', async () => {
    const result = await loadWith(`${root}/valid`);
    assert.deepEqual(result.problems.map(formatProblem), []);
    const sandbox = result.catalog.apis[0]?.sandbox as CatalogSandbox;
    assert.equal(sandbox.file, `${root}/valid/registre/stubs.yaml`);
    assert.deepEqual(
      sandbox.stubs.map((stub) => [stub.name, stub.versions, stub.response.contentType]),
      [
        ['inconnue', ['v2', 'v1'], 'application/problem+json'],
        ['montant-nul', ['v2'], 'application/problem+json'],
        // A named example brings its own content type.
        ['siren-refuse', ['v2', 'v1'], undefined],
        // Only v2 has this operation: a stub without `versions` applies where it can.
        ['etablissements-vides', ['v2'], 'application/json'],
      ],
    );
    const [example] = sandbox.examples;
    assert.deepEqual(
      [example?.name, example?.method, example?.path, example?.versions, example?.contentType],
      ['cessee', 'GET', '/entreprises/{siren}', ['v2', 'v1'], 'application/json'],
    );
  });

  test('YAML numbers in params, query and headers become text, as they arrive in requests', async () => {
    const result = await loadWith(`${root}/valid`);
    const stub = result.catalog.apis[0]?.sandbox?.stubs.find(
      (item) => item.name === 'etablissements-vides',
    );
    assert.ok(stub);
    assert.deepEqual(stub.request.params, { siren: '318456787' });
    assert.deepEqual(stub.request.query, { page: '2' });
  });

  test('no mocks folder, or none beside the APIs, is fine', async () => {
    const absent = await loadWith(`${root}/no-such-folder`);
    assert.deepEqual(absent.problems, []);
    assert.equal(absent.catalog.apis[0]?.sandbox, undefined);
    // Without mocksDir, `mocks` beside the APIs folder is read: a fixture never sees mocks/.
    const beside = await loadCatalog({ apisDir, audience: 'internal' });
    assert.deepEqual(beside.problems, []);
    assert.equal(beside.catalog.apis[0]?.sandbox, undefined);
  });

  test('the schema applies defaults an owner may leave out', () => {
    const parsed = sandboxStubsSchema.parse({});
    assert.deepEqual(parsed, { examples: [], stubs: [] });
  });
});

/** One folder per kind of mistake, each with the exact text an owner reads, all in one run. */
const expectations: Record<string, string[]> = {
  'yaml-syntax': [
    'registre/stubs.yaml:4 — (syntax) — is not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ] — check indentation, quotes and colons around this line',
  ],
  'unknown-field': [
    'registre/stubs.yaml:2 — stubs.0.response — is required — add this field (object)',
    'registre/stubs.yaml:5 — stubs.0.request.method — must be one of GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE (got "get") — did you mean "GET"?',
    'registre/stubs.yaml:7 — stubs.0.respons — is not a known field — did you mean "response"?',
  ],
  'unknown-operation': [
    'registre/stubs.yaml:6 — stubs.0.request.path — matches no operation of registre v2 for GET /entreprise/000000000 — operations of v2: consulterEntreprise, listerEtablissements, creerDeclaration',
    'registre/stubs.yaml:12 — examples.0.operation — names no operation of registre v2 — did you mean "consulterEntreprise"?',
  ],
  'unknown-version': [
    'registre/stubs.yaml:4 — stubs.0.versions.1 — names no version of registre (got "v3") — did you mean "v2"?',
    'registre/stubs.yaml:15 — stubs.1.request.path — matches no operation of registre v1 for GET /entreprises/{siren}/etablissements — operations of v1: consulterEntreprise, creerDeclaration',
  ],
  'undeclared-status': [
    // The second stub answers 429, which the document covers with `4XX`: no problem.
    'registre/stubs.yaml:8 — stubs.0.response.status — 503 is not a response of GET /entreprises/{siren} in v2 — use one of 200, 404, or declare 503 in the document',
  ],
  'duplicate-names': [
    'registre/stubs.yaml:7 — examples.1.name — repeats the example name "cessee" for GET /entreprises/{siren} — give each example of an operation its own name',
    'registre/stubs.yaml:12 — examples.2.name — "active" is already an example of GET /entreprises/{siren} in the document (v2) — choose another name: `Prefer: example=<name>` must pick one example only',
    'registre/stubs.yaml:25 — stubs.1.name — repeats the stub name "inconnue" — give each stub its own name',
  ],
  'response-example': [
    'registre/stubs.yaml:9 — stubs.0.response.example — names no example of GET /entreprises/{siren} for status 200 in v2 — examples for this status: active',
    'registre/stubs.yaml:16 — stubs.1.request.params.numero — is not a placeholder of /entreprises/{siren} — placeholders here: siren',
  ],
  'body-and-example': [
    'registre/stubs.yaml:10 — stubs.0.response.example — has both `body` and `example` — keep one: `body` to write the answer here, `example` to reuse a named one',
  ],
  'unknown-folder': [
    'registr:1 — (folder name) — names no API of the catalog (no folder "registr" among the APIs) — did you mean "registre"? The folder must be named like the API\'s folder',
  ],
};

describe('invalid stubs files fail the build with every problem located', () => {
  for (const [fixture, expected] of Object.entries(expectations)) {
    test(fixture, async () => {
      const mocksDir = `${root}/invalid/${fixture}`;
      const result = await loadWith(mocksDir);
      assert.equal(result.failed, true);
      assert.deepEqual(
        result.problems.map(formatProblem),
        expected.map((line) => `${mocksDir}/${line}`),
      );
      // The API itself still loads: a broken stubs file costs the sandbox its stubs, nothing more.
      const [api] = result.catalog.apis;
      assert.equal(api?.id, 'registre');
      assert.equal(api.sandbox, undefined);
    });
  }
});
