import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toConsoleDocument } from '../../../catalog/openapi/console-document.ts';
import { toScalarConfiguration } from '../../../site/scripts/scalar-configuration.ts';

const schemes = [
  { name: 'cle', credential: 'key', in: 'header', parameterName: 'KeyId', scopes: [] },
  { name: 'requete', credential: 'key', in: 'query', parameterName: 'apikey', scopes: [] },
  { name: 'jeton', credential: 'token', type: 'http', scopes: [] },
  { name: 'identifiants', credential: 'client', scopes: [] },
  { name: 'oauth', credential: 'token', type: 'oauth2', scopes: ['lire', 'ecrire'] },
] as const;

const configure = (withCredentials: boolean) =>
  toScalarConfiguration({
    documentUrl: '/apis/coffre/v1/console.json',
    sandboxUrl: 'http://127.0.0.1:8000/coffre/v1',
    tokenUrl: 'http://127.0.0.1:8000/oauth/token',
    schemes: [...schemes],
    readKey: () => (withCredentials ? 'gk_secret' : undefined),
    readClient: () =>
      withCredentials ? { clientId: 'gc_client', clientSecret: 'gs_secret' } : undefined,
    readToken: () => (withCredentials ? 'eyJ.token.sig' : undefined),
  });

type Hook = (input: { request: Request }) => void;

describe('the console, given the partner’s trial application', () => {
  test('fills every scheme the document declares with the stored credentials', () => {
    const { authentication } = configure(true) as { authentication: Record<string, unknown> };
    assert.deepEqual(authentication, {
      securitySchemes: {
        cle: { value: 'gk_secret' },
        requete: { value: 'gk_secret' },
        jeton: { token: 'eyJ.token.sig' },
        identifiants: { username: 'gc_client', password: 'gs_secret' },
        oauth: {
          flows: {
            clientCredentials: {
              tokenUrl: 'http://127.0.0.1:8000/oauth/token',
              'x-scalar-client-id': 'gc_client',
              clientSecret: 'gs_secret',
              token: 'eyJ.token.sig',
              selectedScopes: ['lire', 'ecrire'],
            },
          },
        },
      },
    });
    // Without a trial application, only the sandbox's token URL is filled in.
    assert.deepEqual(
      (configure(false) as { authentication: { securitySchemes: Record<string, unknown> } })
        .authentication.securitySchemes.oauth,
      {
        flows: {
          clientCredentials: {
            tokenUrl: 'http://127.0.0.1:8000/oauth/token',
            selectedScopes: ['lire', 'ecrire'],
          },
        },
      },
    );
  });

  test('replaces the empty X-Api-Key and Bearer headers Scalar sends', () => {
    const hook = configure(true).onRequestBuilt as Hook;
    const emptyKey = new Request('http://127.0.0.1:8000/coffre/v1/x', {
      headers: { 'X-Api-Key': '' },
    });
    hook({ request: emptyKey });
    assert.equal(emptyKey.headers.get('X-Api-Key'), 'gk_secret');
    const emptyBearer = new Request('http://127.0.0.1:8000/coffre/v1/x', {
      headers: { authorization: 'Bearer ' },
    });
    hook({ request: emptyBearer });
    assert.equal(emptyBearer.headers.get('authorization'), 'Bearer eyJ.token.sig');
    assert.equal(emptyBearer.headers.has('X-Api-Key'), false);
  });

  test('adds X-Api-Key only to a request that carries no credential of its own', () => {
    const hook = configure(true).onRequestBuilt as Hook;
    const bearer = new Request('http://127.0.0.1:8000/coffre/v1/x', {
      headers: { authorization: 'Bearer typed' },
    });
    hook({ request: bearer });
    assert.equal(bearer.headers.has('X-Api-Key'), false);
    const keyed = new Request('http://127.0.0.1:8000/coffre/v1/x', {
      headers: { KeyId: 'gk_typed' },
    });
    hook({ request: keyed });
    assert.equal(keyed.headers.has('X-Api-Key'), false);
    const inQuery = new Request('http://127.0.0.1:8000/coffre/v1/x?apikey=gk_typed');
    hook({ request: inQuery });
    assert.equal(inQuery.headers.has('X-Api-Key'), false);
    const bare = new Request('http://127.0.0.1:8000/coffre/v1/x');
    hook({ request: bare });
    assert.equal(bare.headers.get('X-Api-Key'), 'gk_secret');
  });
});

test("the console's document names the sandbox's token endpoint, by client credentials", () => {
  const document = {
    openapi: '3.0.3',
    info: { title: 'T', version: '1' },
    paths: {},
    components: {
      securitySchemes: {
        code: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://auth.exemple.gouv.fr/authorize',
              tokenUrl: 'https://auth.exemple.gouv.fr/token',
              scopes: { lire: 'Read' },
            },
            clientCredentials: {
              tokenUrl: 'https://auth.exemple.gouv.fr/token',
              scopes: { ecrire: 'Write' },
            },
          },
        },
        cle: { type: 'apiKey', in: 'header', name: 'KeyId' },
      },
    },
  };
  const console = toConsoleDocument(document, { tokenUrl: 'http://127.0.0.1:8000/oauth/token' });
  assert.deepEqual((console.components as { securitySchemes: unknown }).securitySchemes, {
    code: {
      type: 'oauth2',
      flows: {
        clientCredentials: {
          tokenUrl: 'http://127.0.0.1:8000/oauth/token',
          scopes: { lire: 'Read', ecrire: 'Write' },
        },
      },
    },
    cle: { type: 'apiKey', in: 'header', name: 'KeyId' },
  });
  const swagger = toConsoleDocument(
    {
      swagger: '2.0',
      info: { title: 'T', version: '1' },
      paths: {},
      securityDefinitions: {
        code: {
          type: 'oauth2',
          flow: 'accessCode',
          authorizationUrl: 'https://a/x',
          tokenUrl: 'https://a/t',
          scopes: { lire: 'Read' },
        },
      },
    },
    { tokenUrl: '/_sandbox/oauth/token' },
  );
  assert.deepEqual((swagger.securityDefinitions as Record<string, unknown>).code, {
    type: 'oauth2',
    flow: 'application',
    tokenUrl: '/_sandbox/oauth/token',
    scopes: { lire: 'Read' },
  });
});
