import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadCatalog, type CatalogApi, type CatalogVersion } from '../../../catalog/index.ts';
import { pickSecuredSample, toSandboxCommands } from '../../../site/lib/sandbox-commands.ts';
import { toSampleRequest } from '../../../site/lib/sample-request.ts';
import { toSecurityView } from '../../../site/lib/security-view.ts';
import { en } from '../../../site/i18n/en.ts';

describe("the API page's authentication block and commands", () => {
  let api: CatalogApi;
  let version: CatalogVersion;
  const commandsFor = (operationId: string) => {
    const operation = version.operations.find((item) => item.operationId === operationId);
    assert.ok(operation, operationId);
    return toSandboxCommands(
      version,
      toSampleRequest(version, operation),
      'http://sb/coffre/v1',
      'http://sb',
      en.sandbox.sends,
    );
  };
  before(async () => {
    const { catalog } = await loadCatalog({
      apisDir: 'test/fixtures/security/apis',
      audience: 'internal',
    });
    const found = catalog.apis.find((item) => item.id === 'coffre');
    assert.ok(found);
    api = found;
    version = found.versions[0] as CatalogVersion;
  });

  test('says which schemes the operations use, and what to send the sandbox for each', () => {
    const view = toSecurityView(api, version);
    assert.deepEqual(
      view.schemes.map((scheme) => [scheme.name, scheme.label, scheme.operations]),
      [
        ['cleEnTete', 'API key in the KeyId header', 4],
        ['cleEnRequete', 'API key in the apikey query parameter', 1],
        ['cleEnCookie', 'API key in the session_cle cookie', 1],
        ['jeton', 'HTTP bearer token', 3],
        ['identifiants', 'HTTP basic', 1],
        ['oauth', 'OAuth 2.0 access token (clientCredentials)', 3],
        ['oauthCode', 'OAuth 2.0 access token (authorizationCode)', 1],
        ['digest', 'HTTP digest', 1],
      ],
    );
    assert.equal(
      view.schemes.find((scheme) => scheme.name === 'oauthCode')?.clientCredentialsAdded,
      true,
    );
    assert.deepEqual(
      view.scopes.map((scope) => [
        scope.name,
        scope.restricted,
        scope.operations.map((item) => `${item.method} ${item.path}`),
      ]),
      [
        ['coffre:lecture', false, ['GET /documents', 'GET /code']],
        ['coffre:ecriture', false, ['POST /documents']],
        ['coffre:admin', true, ['DELETE /documents/{id}']],
      ],
    );
    assert.deepEqual(
      view.open.map((item) => item.path),
      ['/public', '/facultatif'],
    );
  });

  test('writes commands that send each credential where the document says', () => {
    assert.equal(
      commandsFor('lireEnTete').call,
      "curl -i 'http://sb/coffre/v1/en-tete' \\\n  -H 'KeyId: YOUR_KEY'",
    );
    assert.equal(
      commandsFor('lireRequete').call,
      "curl -i 'http://sb/coffre/v1/requete?apikey=YOUR_KEY'",
    );
    assert.equal(
      commandsFor('lireCookie').call,
      "curl -i 'http://sb/coffre/v1/cookie' \\\n  --cookie 'session_cle=YOUR_KEY'",
    );
    assert.equal(
      commandsFor('lireBasique').call,
      "curl -i 'http://sb/coffre/v1/basique' \\\n  -u 'YOUR_CLIENT_ID:YOUR_CLIENT_SECRET'",
    );
    assert.equal(commandsFor('lirePublic').call, "curl -i 'http://sb/coffre/v1/public'");
    const oauth = commandsFor('listerDocuments');
    assert.equal(
      oauth.token,
      "TOKEN=$(curl -s -u 'YOUR_CLIENT_ID:YOUR_CLIENT_SECRET' \\\n  -d grant_type=client_credentials \\\n  -d 'scope=coffre:lecture' \\\n  'http://sb/oauth/token' \\\n  | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')",
    );
    assert.equal(
      oauth.call,
      'curl -i \'http://sb/coffre/v1/documents\' \\\n  -H "Authorization: Bearer $TOKEN"',
    );
    assert.equal(oauth.sends, 'an access token with coffre:lecture');
  });

  test('shows an operation that needs credentials rather than an open one', () => {
    assert.equal(pickSecuredSample(version)?.operation.operationId, 'listerDocuments');
  });
});
