import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  formatProblem,
  loadCatalog,
  type CatalogOperation,
  type CatalogVersion,
} from '../../../catalog/index.ts';

/** Fixture APIs declaring every security scheme the sandbox takes (also the gateway's). */
const apisDir = 'test/fixtures/security/apis';

let coffre: CatalogVersion;
let registre: CatalogVersion;

before(async () => {
  const result = await loadCatalog({ apisDir, audience: 'internal' });
  assert.deepEqual(result.problems, []);
  const versionOf = (id: string): CatalogVersion => {
    const version = result.catalog.apis.find((api) => api.id === id)?.versions[0];
    assert.ok(version, `${id} loads`);
    return version;
  };
  coffre = versionOf('coffre');
  registre = versionOf('registre');
});

function operation(version: CatalogVersion, id: string): CatalogOperation {
  const found = version.operations.find((item) => item.operationId === id);
  assert.ok(found, id);
  return found;
}

describe('the catalog reads what it takes to call each operation', () => {
  test('each scheme, with how the sandbox takes its credentials', () => {
    assert.deepEqual(
      coffre.securitySchemes.map((scheme) => [
        scheme.name,
        scheme.type,
        scheme.in ?? scheme.httpScheme ?? scheme.flows.map((flow) => flow.name).join('+'),
        scheme.parameterName ?? '',
        scheme.credential,
        scheme.clientCredentialsAdded,
      ]),
      [
        ['cleEnTete', 'apiKey', 'header', 'KeyId', 'key', false],
        ['cleEnRequete', 'apiKey', 'query', 'apikey', 'key', false],
        ['cleEnCookie', 'apiKey', 'cookie', 'session_cle', 'key', false],
        ['jeton', 'http', 'bearer', '', 'token', false],
        ['identifiants', 'http', 'basic', '', 'client', false],
        ['oauth', 'oauth2', 'clientCredentials', '', 'token', false],
        ['oauthCode', 'oauth2', 'authorizationCode', '', 'token', true],
        ['digest', 'http', 'digest', '', 'unsupported', false],
      ],
    );
    assert.equal(
      coffre.securitySchemes[5]?.flows[0]?.tokenUrl,
      'https://auth.exemple.gouv.fr/oauth/token',
    );
  });

  test("Swagger 2.0's definitions: basic, a key in the query, application and accessCode flows", () => {
    assert.deepEqual(
      registre.securitySchemes.map((scheme) => [
        scheme.name,
        scheme.type,
        scheme.credential,
        scheme.flows.map((flow) => flow.name),
        scheme.scopes.map((scope) => scope.name),
      ]),
      [
        ['basique', 'http', 'client', [], []],
        ['cle', 'apiKey', 'key', [], []],
        ['machine', 'oauth2', 'token', ['clientCredentials'], ['registre:lecture']],
        [
          'code',
          'oauth2',
          'token',
          ['authorizationCode'],
          ['registre:lecture', 'registre:ecriture'],
        ],
      ],
    );
    assert.deepEqual(operation(registre, 'listerFiches').security, {
      source: 'document',
      alternatives: [[{ scheme: 'cle', scopes: [] }]],
      anonymous: false,
    });
  });

  test('root security applies unless the operation has its own; OR of objects, AND inside one', () => {
    assert.deepEqual(operation(coffre, 'listerDocuments').security, {
      source: 'document',
      alternatives: [[{ scheme: 'oauth', scopes: ['coffre:lecture'] }]],
      anonymous: false,
    });
    assert.deepEqual(operation(coffre, 'deposerDocument').security.alternatives, [
      [{ scheme: 'oauth', scopes: ['coffre:ecriture'] }],
    ]);
    assert.deepEqual(operation(coffre, 'lireOu').security.alternatives, [
      [{ scheme: 'cleEnTete', scopes: [] }],
      [{ scheme: 'jeton', scopes: [] }],
    ]);
    assert.deepEqual(operation(coffre, 'lireEt').security.alternatives, [
      [
        { scheme: 'cleEnTete', scopes: [] },
        { scheme: 'jeton', scopes: [] },
      ],
    ]);
  });

  test('`security: []` is open, `{}` among the alternatives makes credentials optional', () => {
    assert.deepEqual(operation(coffre, 'lirePublic').security, {
      source: 'operation',
      alternatives: [],
      anonymous: true,
    });
    assert.deepEqual(operation(coffre, 'lireFacultatif').security, {
      source: 'operation',
      alternatives: [[{ scheme: 'cleEnTete', scopes: [] }]],
      anonymous: true,
    });
  });

  test('each scope is listed with the operations that need it', () => {
    assert.deepEqual(
      coffre.scopes.map((scope) => [scope.name, scope.schemes, scope.operations]),
      [
        ['coffre:lecture', ['oauth', 'oauthCode'], ['get-documents', 'get-code']],
        ['coffre:ecriture', ['oauth'], ['post-documents']],
        ['coffre:admin', ['oauth'], ['delete-documents-id']],
      ],
    );
    assert.equal(coffre.scopes[0]?.description, 'Read documents.');
    assert.deepEqual(coffre.security.alternatives, [
      [{ scheme: 'oauth', scopes: ['coffre:lecture'] }],
    ]);
  });
});

describe("owners' stubs can answer per consumer and per scope", () => {
  test('the catalog keeps the conditions, and refuses a scope no version declares', async () => {
    const result = await loadCatalog({ apisDir, audience: 'internal' });
    const stubs = result.catalog.apis.find((api) => api.id === 'coffre')?.sandbox?.stubs ?? [];
    assert.deepEqual(
      stubs.map((stub) => [stub.name, stub.request.consumer, stub.request.scopes]),
      [
        ['documents-du-partenaire', 'con_partenaire0001', []],
        ['documents-en-ecriture', undefined, ['coffre:ecriture']],
      ],
    );
  });
});

test('a stub naming a scope no version declares is a problem naming the file, the field and the scopes', async () => {
  const result = await loadCatalog({
    apisDir,
    mocksDir: 'test/fixtures/security/invalid-mocks',
    audience: 'internal',
  });
  assert.deepEqual(result.problems.map(formatProblem), [
    'test/fixtures/security/invalid-mocks/coffre/stubs.yaml:7 — stubs.0.request.scopes.0 — names "coffre:lire", a scope no version of coffre it applies to declares — scopes: coffre:lecture, coffre:ecriture, coffre:admin',
  ]);
});
