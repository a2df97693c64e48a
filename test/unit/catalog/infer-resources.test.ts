import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { formatProblem, loadCatalog, type CatalogResource } from '../../../catalog/index.ts';
import { inferResources, toCollectionPath } from '../../../catalog/resources/infer-resources.ts';
import { toSingular } from '../../../catalog/resources/find-identifier.ts';

function readFixture(name: string): Record<string, unknown> {
  return parse(readFileSync(`test/fixtures/resources/${name}`, 'utf8')) as Record<string, unknown>;
}

function byCollection(resources: CatalogResource[], path: string): CatalogResource {
  const found = resources.find((resource) => resource.collectionPath === path);
  assert.ok(
    found,
    `no resource at ${path}; found ${resources.map((r) => r.collectionPath).join(', ')}`,
  );
  return found;
}

describe('resources inferred from a document', () => {
  const resources = inferResources(readFixture('dossiers.yaml'));

  test('a collection with POST and an item below with GET form a resource, nested ones too', () => {
    assert.deepEqual(
      resources.map((resource) => [resource.collectionPath, resource.itemPath]),
      [
        ['/dossiers', '/dossiers/{dossierId}'],
        ['/dossiers/{dossierId}/pieces', '/dossiers/{dossierId}/pieces/{pieceId}'],
        ['/agents', '/agents/{numero}'],
      ],
    );
    const pieces = byCollection(resources, '/dossiers/{dossierId}/pieces');
    assert.equal(pieces.name, 'pieces');
    assert.deepEqual(pieces.parentParameters, ['dossierId']);
    assert.equal(pieces.idParameter, 'pieceId');
  });

  test('each operation gets its role; a POST without an item, a GET without a POST are left alone', () => {
    const dossiers = byCollection(resources, '/dossiers');
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(dossiers.operations).map(([role, op]) => [role, `${op.method} ${op.path}`]),
      ),
      {
        create: 'POST /dossiers',
        list: 'GET /dossiers',
        read: 'GET /dossiers/{dossierId}',
        replace: 'PUT /dossiers/{dossierId}',
        update: 'PATCH /dossiers/{dossierId}',
        delete: 'DELETE /dossiers/{dossierId}',
      },
    );
    assert.deepEqual(dossiers.patch, { mergePatch: true, jsonPatch: true });
    assert.equal(
      resources.some((resource) => ['/recherches', '/rapports'].includes(resource.collectionPath)),
      false,
    );
  });

  test("the identifier: `id`, the placeholder's own name, or `<name>Id`; its type from the schema", () => {
    const dossiers = byCollection(resources, '/dossiers');
    assert.equal(dossiers.idField, 'id');
    // From the item schema's field (allOf joined), not the path parameter.
    assert.deepEqual(dossiers.idSchema, { type: 'integer', minimum: 1 });
    const pieces = byCollection(resources, '/dossiers/{dossierId}/pieces');
    assert.equal(pieces.idField, 'pieceId');
    assert.deepEqual(pieces.idSchema, { type: 'string', format: 'uuid' });
    const agents = byCollection(resources, '/agents');
    assert.equal(agents.idField, 'agentId');
  });

  test('a list in an envelope: its array, offset paging, total and equality filters', () => {
    const { list } = byCollection(resources, '/dossiers');
    assert.deepEqual(list, {
      itemsField: 'resultats',
      totalField: ['total'],
      paging: {
        kind: 'offset',
        positionParameter: 'offset',
        sizeParameter: 'limit',
        firstPage: 0,
        defaultSize: 10,
        maxSize: 50,
      },
      filters: [
        { parameter: 'etat', field: ['etat'] },
        { parameter: 'commune', field: ['demandeur', 'commune'] },
      ],
    });
  });

  test('seeds come from the list and item examples, each identifier once', () => {
    const dossiers = byCollection(resources, '/dossiers');
    assert.deepEqual(
      dossiers.seeds.map((seed) => [seed.id, seed.value.etat]),
      [
        ['7', 'ouvert'],
        ['9', 'ferme'],
      ],
    );
    // A nested resource is seeded under its parent placeholders' example values.
    const pieces = byCollection(resources, '/dossiers/{dossierId}/pieces');
    assert.deepEqual(pieces.seeds, [
      { params: { dossierId: '7' }, id: 'p-1', value: { pieceId: 'p-1', nom: 'devis.pdf' } },
    ]);
  });

  test('Swagger 2.0: body parameters, response schemas and examples by media type', () => {
    const [pets, ...others] = inferResources(readFixture('petstore.yaml'));
    assert.equal(others.length, 0);
    assert.ok(pets);
    assert.equal(pets.idField, 'id');
    assert.deepEqual(pets.idSchema, { type: 'integer', format: 'int64' });
    // A PATCH read from a form is not a JSON merge patch: it answers from examples.
    assert.deepEqual(Object.keys(pets.operations), ['create', 'list', 'read']);
    assert.deepEqual(pets.list, {
      paging: {
        kind: 'offset',
        sizeParameter: 'limit',
        firstPage: 0,
        defaultSize: 20,
        maxSize: 100,
      },
      filters: [{ parameter: 'tag', field: ['tag'] }],
    });
    assert.deepEqual(
      pets.seeds.map((seed) => seed.id),
      ['1', '2'],
    );
  });

  test('collection paths and singular names', () => {
    assert.equal(toCollectionPath('/a/{x}/b/{y}'), '/a/{x}/b');
    assert.equal(toCollectionPath('/a/{x}'), '/a');
    assert.equal(toCollectionPath('/a/{x}/{y}'), undefined);
    assert.equal(toCollectionPath('/{x}'), undefined);
    assert.equal(toCollectionPath('/a/b'), undefined);
    assert.equal(toCollectionPath('/a/x-{y}'), undefined);
    assert.deepEqual(
      ['declarations', 'entries', 'addresses', 'rendez-vous', 'boxes'].map(toSingular),
      ['declaration', 'entry', 'address', 'rendez-vous', 'box'],
    );
  });
});

describe('resources of the sample APIs', async () => {
  const result = await loadCatalog({ audience: 'internal' });
  assert.deepEqual(
    result.problems.filter((problem) => problem.severity === 'error').map(formatProblem),
    [],
  );
  const resourcesOf = (apiId: string, versionId: string): CatalogResource[] =>
    result.catalog.apis
      .find((api) => api.id === apiId)
      ?.versions.find((version) => version.id === versionId)?.resources ?? [];

  test('declarations-fiscales v2: declarations, paged by page and taille, filtered', () => {
    const [declarations, ...others] = resourcesOf('declarations-fiscales', 'v2');
    assert.equal(others.length, 0);
    assert.ok(declarations);
    assert.equal(declarations.idField, 'id');
    assert.deepEqual(declarations.idSchema, { type: 'string', pattern: '^DF-\\d{4}-\\d{6}$' });
    assert.deepEqual(Object.keys(declarations.operations), [
      'create',
      'list',
      'read',
      'update',
      'delete',
    ]);
    assert.deepEqual(declarations.list, {
      itemsField: 'donnees',
      totalField: ['pagination', 'total'],
      paging: {
        kind: 'page',
        positionParameter: 'page',
        sizeParameter: 'taille',
        firstPage: 1,
        defaultSize: 20,
        maxSize: 100,
      },
      pageField: ['pagination', 'page'],
      sizeField: ['pagination', 'taille'],
      filters: [
        { parameter: 'siren', field: ['siren'] },
        { parameter: 'exercice', field: ['exercice'] },
        { parameter: 'statut', field: ['statut'] },
      ],
    });
    assert.deepEqual(
      declarations.seeds.map((seed) => seed.id),
      ['DF-2026-004217', 'DF-2026-003980', 'DF-2026-004311', 'DF-2026-003702'],
    );
  });

  test("rendez-vous: the identifier is the placeholder's own name, in a multi-file document", () => {
    const [appointments] = resourcesOf('rendez-vous', 'v1');
    assert.ok(appointments);
    assert.equal(appointments.idField, 'reference');
    assert.deepEqual(Object.keys(appointments.operations), ['create', 'read']);
  });

  test('the operations a resource answers are marked for the portal, and only those', () => {
    const version = result.catalog.apis
      .find((api) => api.id === 'grant-applications')
      ?.versions.find((item) => item.id === 'v1');
    assert.ok(version);
    assert.deepEqual(
      version.operations
        .filter((operation) => operation.stateful)
        .map((operation) => [operation.operationId, operation.stateful?.role]),
      [
        ['listApplications', 'list'],
        ['createApplication', 'create'],
        ['getApplication', 'read'],
      ],
    );
    // Read-only collections (no POST) are not resources.
    assert.deepEqual(resourcesOf('civil-servant-directory', 'v1'), []);
  });
});
