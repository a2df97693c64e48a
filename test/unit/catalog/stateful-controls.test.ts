import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  formatProblem,
  loadCatalog,
  sandboxStubsSchema,
  type CatalogVersion,
} from '../../../catalog/index.ts';

const root = 'test/fixtures/stateful';
const apisDir = `${root}/apis`;

async function loadVersion(
  mocks: string,
): Promise<{ version: CatalogVersion; problems: string[] }> {
  const result = await loadCatalog({ apisDir, mocksDir: `${root}/${mocks}`, audience: 'internal' });
  const version = result.catalog.apis[0]?.versions[0];
  assert.ok(version);
  return { version, problems: result.problems.map(formatProblem) };
}

function rolesOf(version: CatalogVersion): Record<string, string[]> {
  return Object.fromEntries(
    version.resources.map((resource) => [
      resource.collectionPath,
      Object.keys(resource.operations),
    ]),
  );
}

describe('owners control what the sandbox remembers (stubs.yaml, stateful:)', () => {
  test('without a stubs file, every inferred resource answers every one of its operations', async () => {
    const { version, problems } = await loadVersion('no-such-folder');
    assert.deepEqual(problems, []);
    assert.deepEqual(rolesOf(version), {
      '/dossiers': ['create', 'list', 'read', 'replace', 'update', 'delete'],
      '/dossiers/{dossierId}/pieces': ['create', 'list', 'read', 'delete'],
      '/agents': ['create', 'read'],
    });
  });

  test('an operation turned off, a resource mapped by hand, seeds given by the owners', async () => {
    const { version, problems } = await loadVersion('valid');
    assert.deepEqual(problems, []);
    assert.deepEqual(rolesOf(version), {
      '/dossiers': ['create', 'list', 'read', 'replace', 'update'],
      '/dossiers/{dossierId}/pieces': ['create', 'list', 'read', 'delete'],
      '/agents': ['create', 'read'],
      '/inscriptions': ['create', 'read'],
    });
    const inscriptions = version.resources.find((item) => item.collectionPath === '/inscriptions');
    assert.equal(inscriptions?.source, 'stubs');
    assert.equal(inscriptions.itemPath, '/inscription/{numero}');
    assert.equal(inscriptions.idField, 'numero');
    assert.deepEqual(
      inscriptions.seeds.map((seed) => [seed.id, seed.value.nom]),
      [
        ['I-1', 'Camille'],
        ['I-2', 'Dominique'],
      ],
    );
    // The owners' seeds take the place of the document's, under the parent they name.
    const pieces = version.resources.find(
      (item) => item.collectionPath === '/dossiers/{dossierId}/pieces',
    );
    assert.deepEqual(pieces?.seeds, [
      {
        params: { dossierId: '7' },
        id: '6f1c2d4e-0000-4000-8000-000000000001',
        value: { pieceId: '6f1c2d4e-0000-4000-8000-000000000001', nom: 'avis.pdf' },
      },
    ]);
    // The portal marks what the sandbox remembers: the DELETE turned off is not marked.
    const marked = version.operations.flatMap((operation) =>
      operation.stateful ? [operation.operationId] : [],
    );
    assert.equal(marked.includes('supprimerDossier'), false);
    assert.equal(marked.includes('consulterInscription'), true);
  });

  test('off for the whole API, on for the operations named', async () => {
    const { version, problems } = await loadVersion('off');
    assert.deepEqual(problems, []);
    assert.deepEqual(rolesOf(version), {
      '/dossiers': ['read'],
      '/dossiers/{dossierId}/pieces': ['read'],
    });
  });

  test('the schema applies defaults an owner may leave out', () => {
    assert.deepEqual(sandboxStubsSchema.parse({ stateful: {} }).stateful, {
      enabled: true,
      operations: {},
      resources: [],
    });
    assert.deepEqual(
      sandboxStubsSchema.parse({ stateful: { resources: [{ collection: '/a' }] } }).stateful
        ?.resources,
      [{ collection: '/a', seeds: [], seedParams: {} }],
    );
  });
});

/** Each mistake with the exact text an owner reads, all in one run. */
const expectations: Record<string, string[]> = {
  structure: [
    'dossiers/stubs.yaml:2 — stateful.enabled — must be true or false (got "non") — write true or false',
    'dossiers/stubs.yaml:4 — stateful.operations.creerDossier — must be true or false (got "off") — write true or false',
    'dossiers/stubs.yaml:6 — stateful.resources.0.collection — must start with / — write the path as the document does, e.g. /declarations',
    'dossiers/stubs.yaml:7 — stateful.resources.0.seed — is not a known field — did you mean "seeds"?',
  ],
  references: [
    'dossiers/stubs.yaml:3 — stateful.operations.supprimerDosier — names no operation of dossiers v1 — did you mean "supprimerDossier"?',
    'dossiers/stubs.yaml:4 — stateful.operations.rechercher — is not an operation of a resource, so the sandbox answers it from examples anyway — operations of resources: creerDossier, listerDossiers, consulterDossier, remplacerDossier, modifierDossier, supprimerDossier, …',
    'dossiers/stubs.yaml:6 — stateful.resources.0.collection — names no path of dossiers v1 (got "/inscription") — did you mean "/inscriptions"?',
    'dossiers/stubs.yaml:7 — stateful.resources.1.item — is required: no path below /recherches ends in one placeholder — give the path of one object, e.g. item: /recherches/{id}',
    'dossiers/stubs.yaml:9 — stateful.resources.2.item — must end in the placeholder of the identifier (got "/agents") — e.g. /agents/{numero}',
    'dossiers/stubs.yaml:11 — stateful.resources.3.idField — is not a field of the objects of /dossiers (got "ident") — fields: etat, demandeur, id',
    'dossiers/stubs.yaml:16 — stateful.resources.4.seeds.1 — has no numero, the identifier field — give each seed its numero',
    'dossiers/stubs.yaml:17 — stateful.resources.4.seeds.2.numero — repeats the identifier "I-1" — give each seed its own numero',
    'dossiers/stubs.yaml:18 — stateful.resources.5.seedParams — lacks dossierId, a placeholder of /dossiers/{dossierId}/pieces — say which parent the seeds belong to, e.g. seedParams: { dossierId: … }',
    'dossiers/stubs.yaml:21 — stateful.resources.6.collection — maps /inscriptions a second time (first at stateful.resources.4) — keep one entry per resource',
  ],
};

describe('mistakes in the stateful section fail the build, each located', () => {
  for (const [fixture, expected] of Object.entries(expectations)) {
    test(fixture, async () => {
      const mocksDir = `${root}/invalid/${fixture}`;
      const result = await loadCatalog({ apisDir, mocksDir, audience: 'internal' });
      assert.equal(result.failed, true);
      assert.deepEqual(
        result.problems.map(formatProblem),
        expected.map((line) => `${mocksDir}/${line}`),
      );
      // The API still loads with what its document alone gives: a broken stubs file costs the
      // sandbox the owners' controls, nothing more.
      const [api] = result.catalog.apis;
      assert.ok(api);
      assert.equal(api.sandbox, undefined);
      assert.equal(api.versions[0]?.resources.length, 3);
    });
  }
});
