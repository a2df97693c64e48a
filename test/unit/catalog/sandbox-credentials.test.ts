import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadCatalog, type CatalogVersion } from '../../../catalog/index.ts';
import {
  toBasicAuthorization,
  toOperationCredentials,
  toTokenRequest,
} from '../../../catalog/sandbox-credentials.ts';

/** Every scheme the sandbox takes, one operation each (the gateway's fixtures too). */
let coffre: CatalogVersion;

before(async () => {
  const result = await loadCatalog({
    apisDir: 'test/fixtures/security/apis',
    audience: 'internal',
  });
  const version = result.catalog.apis.find((api) => api.id === 'coffre')?.versions[0];
  assert.ok(version);
  coffre = version;
});

/** Each alternative of an operation as `scheme:kind` pairs. */
function alternativesOf(operationId: string): { anonymous: boolean; ways: string[][] } {
  const operation = coffre.operations.find((item) => item.operationId === operationId);
  assert.ok(operation, operationId);
  const credentials = toOperationCredentials(coffre, operation);
  return {
    anonymous: credentials.anonymous,
    ways: credentials.alternatives.map((alternative) =>
      alternative.map(({ scheme, need }) =>
        [
          scheme ?? '-',
          need.kind,
          need.kind === 'key' ? `${need.in}:${need.name}` : '',
          need.kind === 'token' ? need.scopes.join(' ') : '',
        ]
          .filter(Boolean)
          .join(':'),
      ),
    ),
  };
}

describe('what a call to each operation carries in the sandbox', () => {
  test('the OR of alternatives and the AND inside one, in document order', () => {
    assert.deepEqual(alternativesOf('lireOu'), {
      anonymous: false,
      ways: [['cleEnTete:key:header:KeyId'], ['jeton:token']],
    });
    assert.deepEqual(alternativesOf('lireEt'), {
      anonymous: false,
      ways: [['cleEnTete:key:header:KeyId', 'jeton:token']],
    });
  });

  test('an open operation takes nothing; `{}` among alternatives makes them optional', () => {
    assert.deepEqual(alternativesOf('lirePublic'), { anonymous: true, ways: [] });
    assert.deepEqual(alternativesOf('lireFacultatif'), {
      anonymous: true,
      ways: [['cleEnTete:key:header:KeyId']],
    });
  });

  test('scopes, and the key in X-Api-Key for a scheme the sandbox cannot check', () => {
    assert.deepEqual(alternativesOf('supprimerDocument').ways, [['oauth:token:coffre:admin']]);
    assert.deepEqual(alternativesOf('lireDigest').ways, [['digest:key:header:X-Api-Key']]);
    assert.deepEqual(alternativesOf('lireInconnu').ways, [['nonDeclare:key:header:X-Api-Key']]);
  });

  test('HTTP basic in UTF-8 (RFC 7617), and the token request at the sandbox’s own URL', () => {
    assert.equal(toBasicAuthorization('gc_1', 'gs_2'), `Basic ${btoa('gc_1:gs_2')}`);
    assert.equal(
      toBasicAuthorization('agent', 'clé'),
      `Basic ${Buffer.from('agent:clé', 'utf8').toString('base64')}`,
    );
    const request = toTokenRequest('http://127.0.0.1:8000/preview/', 'gc_1', 'gs_2', ['a', 'b']);
    assert.equal(request.url, 'http://127.0.0.1:8000/preview/oauth/token');
    assert.equal(request.init.body, 'grant_type=client_credentials&scope=a+b');
    assert.equal(request.init.redirect, 'manual');
  });
});
