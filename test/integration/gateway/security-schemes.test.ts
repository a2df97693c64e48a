import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import {
  getToken,
  loadSecurityCatalog,
  requestToken,
  startSecurityMock,
  toBasic,
  type Application,
} from './helpers/security-fixtures.ts';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

/**
 * Every scheme a document can declare, against the real sandbox (gateway and Prism): each is
 * taken where the document says, refused with the exact status, problem type and challenge.
 */

async function expectProblem(
  response: Response,
  status: number,
  slug: string,
): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(body.type, `/problems/${slug}`);
  return body;
}

async function issue(test: TestGateway, api = 'coffre'): Promise<Application> {
  const response = await fetch(`${test.adminUrl}/keys`, {
    method: 'POST',
    headers: { ...test.admin, 'content-type': 'application/json' },
    body: JSON.stringify({ application: 'Logiciel de test', api }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as Application;
}

const keyChallenge = 'X-Api-Key realm="guichet-sandbox"';

describe('the sandbox enforces the security each operation declares', () => {
  let mock: { url: string; close(): Promise<void> };
  let test: TestGateway;
  let app: Application;
  const call = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${test.baseUrl}/coffre/v1${path}`, init);

  before(async () => {
    mock = await startSecurityMock();
    test = await startTestGateway(mock.url, { catalog: await loadSecurityCatalog() });
    app = await issue(test);
  });
  after(async () => {
    await test.close();
    await mock.close();
  });

  it('a key in the header the document names (KeyId), or refused with its challenge', async () => {
    assert.equal((await call('/en-tete', { headers: { KeyId: app.key } })).status, 200);
    const missing = await call('/en-tete');
    await expectProblem(missing, 401, 'missing-key');
    assert.equal(
      missing.headers.get('www-authenticate'),
      `ApiKey realm="guichet-sandbox", in="header", name="KeyId", ${keyChallenge}`,
    );
    const unknown = await call('/en-tete', { headers: { KeyId: `gk_${'Z'.repeat(32)}` } });
    await expectProblem(unknown, 401, 'unknown-key');
    assert.equal(unknown.headers.get('www-authenticate'), missing.headers.get('www-authenticate'));
  });

  it('a key in the query parameter or the cookie the document names', async () => {
    assert.equal((await call(`/requete?apikey=${app.key}`)).status, 200);
    await expectProblem(await call('/requete'), 401, 'missing-key');
    assert.equal(
      (await call('/cookie', { headers: { cookie: `theme=clair; session_cle=${app.key}` } }))
        .status,
      200,
    );
    const wrongName = await call('/cookie', { headers: { cookie: `cle=${app.key}` } });
    await expectProblem(wrongName, 401, 'missing-key');
    assert.equal(
      wrongName.headers.get('www-authenticate'),
      `ApiKey realm="guichet-sandbox", in="cookie", name="session_cle", ${keyChallenge}`,
    );
  });

  it('HTTP bearer: a token the sandbox issued; none, or a bad one, is refused per RFC 6750', async () => {
    const token = await getToken(test.baseUrl, app);
    const ok = await call('/jeton', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { operation: 'lireJeton' });
    const missing = await call('/jeton');
    await expectProblem(missing, 401, 'missing-credentials');
    assert.equal(
      missing.headers.get('www-authenticate'),
      `Bearer realm="guichet-sandbox", ${keyChallenge}`,
    );
    const forged = await call('/jeton', { headers: { authorization: 'Bearer abc.def.ghi' } });
    await expectProblem(forged, 401, 'invalid-token');
    assert.match(
      forged.headers.get('www-authenticate') ?? '',
      /^Bearer realm="guichet-sandbox", error="invalid_token", error_description="[^"]+"$/,
    );
  });

  it("HTTP basic: the application's client id and secret", async () => {
    const ok = await call('/basique', {
      headers: { authorization: toBasic(app.clientId, app.clientSecret) },
    });
    assert.equal(ok.status, 200);
    const wrong = await call('/basique', {
      headers: { authorization: toBasic(app.clientId, `gs_${'x'.repeat(32)}`) },
    });
    await expectProblem(wrong, 401, 'invalid-client');
    assert.equal(
      wrong.headers.get('www-authenticate'),
      'Basic realm="guichet-sandbox", charset="UTF-8"',
    );
    const missing = await call('/basique');
    await expectProblem(missing, 401, 'missing-credentials');
    assert.equal(
      missing.headers.get('www-authenticate'),
      `Basic realm="guichet-sandbox", charset="UTF-8", ${keyChallenge}`,
    );
  });

  it('OAuth 2.0 scopes per operation: read granted, write granted, a restricted one not', async () => {
    const reader = await getToken(test.baseUrl, app, 'coffre:lecture');
    const bearer = (token: string): Record<string, string> => ({
      authorization: `Bearer ${token}`,
    });
    assert.equal((await call('/documents', { headers: bearer(reader) })).status, 200);
    const refused = await call('/documents', {
      method: 'POST',
      headers: { ...bearer(reader), 'content-type': 'application/json' },
      body: JSON.stringify({ titre: 'Attestation' }),
    });
    const problem = await expectProblem(refused, 403, 'insufficient-scope');
    assert.equal(problem.scope, 'coffre:ecriture');
    assert.equal(
      refused.headers.get('www-authenticate'),
      'Bearer realm="guichet-sandbox", error="insufficient_scope", scope="coffre:ecriture"',
    );
    const writer = await getToken(test.baseUrl, app, 'coffre:lecture coffre:ecriture');
    const created = await call('/documents', {
      method: 'POST',
      headers: { ...bearer(writer), 'content-type': 'application/json' },
      body: JSON.stringify({ titre: 'Attestation' }),
    });
    assert.equal(created.status, 201);
    // The restricted scope is not granted until an administrator approves it.
    const escalation = await requestToken(test.baseUrl, app, 'coffre:admin');
    const body = await expectProblem(escalation, 400, 'invalid-scope');
    assert.equal(body.error, 'invalid_scope');
    const everything = await getToken(test.baseUrl, app);
    await expectProblem(
      await call('/documents/DOC-1', { method: 'DELETE', headers: bearer(everything) }),
      403,
      'insufficient-scope',
    );
    const approved = await fetch(`${test.adminUrl}/keys/${app.prefix}/approve`, {
      method: 'POST',
      headers: test.admin,
    });
    assert.equal(approved.status, 200);
    const admin = await getToken(test.baseUrl, app, 'coffre:admin');
    assert.equal(
      (await call('/documents/DOC-1', { method: 'DELETE', headers: bearer(admin) })).status,
      200,
    );
  });

  it('a document that declares only an authorization code flow gets tokens by client credentials', async () => {
    const token = await getToken(test.baseUrl, app, 'coffre:lecture');
    assert.equal(
      (await call('/code', { headers: { authorization: `Bearer ${token}` } })).status,
      200,
    );
  });

  it('an open operation answers without credentials on the anonymous quota, and on the plan with a key', async () => {
    const anonymous = await call('/public');
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.headers.get('ratelimit-policy'), '"anonymous";q=100;w=60');
    const keyed = await call('/public', { headers: { 'x-api-key': app.key } });
    assert.equal(keyed.status, 200);
    assert.equal(keyed.headers.get('ratelimit-policy'), '"free";q=100;w=60');
    // Credentials sent to an open operation are checked all the same.
    await expectProblem(
      await call('/public', { headers: { 'x-api-key': `gk_${'Y'.repeat(32)}` } }),
      401,
      'unknown-key',
    );
    // `{}` among the alternatives: optional credentials.
    assert.equal(
      (await call('/facultatif')).headers.get('ratelimit-policy'),
      '"anonymous";q=100;w=60',
    );
    assert.equal(
      (await call('/facultatif', { headers: { KeyId: app.key } })).headers.get('ratelimit-policy'),
      '"free";q=100;w=60',
    );
  });

  it('OR of requirement objects, AND inside one', async () => {
    const token = await getToken(test.baseUrl, app);
    assert.equal((await call('/ou', { headers: { KeyId: app.key } })).status, 200);
    assert.equal(
      (await call('/ou', { headers: { authorization: `Bearer ${token}` } })).status,
      200,
    );
    const neither = await call('/ou');
    await expectProblem(neither, 401, 'missing-credentials');
    assert.equal(
      neither.headers.get('www-authenticate'),
      `ApiKey realm="guichet-sandbox", in="header", name="KeyId", Bearer realm="guichet-sandbox", ${keyChallenge}`,
    );
    await expectProblem(
      await call('/et', { headers: { KeyId: app.key } }),
      401,
      'missing-credentials',
    );
    assert.equal(
      (await call('/et', { headers: { KeyId: app.key, authorization: `Bearer ${token}` } })).status,
      200,
    );
    const other = await issue(test);
    await expectProblem(
      await call('/et', { headers: { KeyId: other.key, authorization: `Bearer ${token}` } }),
      401,
      'credentials-mismatch',
    );
  });

  it('X-Api-Key, guichet’s own header, works on every operation, held to its scopes', async () => {
    for (const path of [
      '/en-tete',
      '/requete',
      '/jeton',
      '/basique',
      '/documents',
      '/digest',
      '/inconnu',
      '/et',
    ]) {
      assert.equal((await call(path, { headers: { 'x-api-key': app.key } })).status, 200, path);
    }
    await expectProblem(await call('/digest'), 401, 'missing-key');
    const fresh = await issue(test);
    await expectProblem(
      await call('/documents/DOC-1', { method: 'DELETE', headers: { 'x-api-key': fresh.key } }),
      403,
      'insufficient-scope',
    );
  });

  it("owners' stubs answer per scope, through the gateway, and per consumer", async () => {
    const reader = await getToken(test.baseUrl, app, 'coffre:lecture');
    const writer = await getToken(test.baseUrl, app, 'coffre:lecture coffre:ecriture');
    const read = await call('/documents', { headers: { authorization: `Bearer ${reader}` } });
    assert.deepEqual(await read.json(), { operation: 'listerDocuments' });
    const written = await call('/documents', { headers: { authorization: `Bearer ${writer}` } });
    assert.equal(written.headers.get('x-guichet-stub'), 'documents-en-ecriture');
    assert.deepEqual(await written.json(), { operation: 'listerDocuments', vue: 'ecriture' });
    // The consumer a stub names, as the gateway states it to the mock server.
    const partner = await fetch(`${mock.url}/coffre/v1/documents`, {
      headers: { 'x-guichet-consumer': 'con_partenaire0001' },
    });
    assert.deepEqual(await partner.json(), { operation: 'listerDocuments', vue: 'partenaire' });
    // Through the gateway a client cannot claim to be that consumer.
    const claimed = await call('/documents', {
      headers: { authorization: `Bearer ${reader}`, 'x-guichet-consumer': 'con_partenaire0001' },
    });
    assert.deepEqual(await claimed.json(), { operation: 'listerDocuments' });
  });

  it('Swagger 2.0 definitions: a key in the query, basic on one operation', async () => {
    const registre = await issue(test, 'registre');
    const base = `${test.baseUrl}/registre/v1`;
    assert.equal((await fetch(`${base}/fiches?apikey=${registre.key}`)).status, 200);
    await expectProblem(await fetch(`${base}/fiches`), 401, 'missing-key');
    const created = await fetch(`${base}/fiches`, {
      method: 'POST',
      headers: { authorization: toBasic(registre.clientId, registre.clientSecret) },
    });
    assert.equal(created.status, 201);
  });
});

describe('credentials never reach the mock server, wherever they were', () => {
  let upstream: EchoUpstream;
  let test: TestGateway;
  let app: Application;

  before(async () => {
    upstream = await startEchoUpstream();
    test = await startTestGateway(upstream.url, { catalog: await loadSecurityCatalog() });
    app = await issue(test);
  });
  after(async () => {
    await test.close();
    await upstream.close();
  });

  it('strips the key from its header, the query and the cookie, and the Authorization header', async () => {
    const token = await getToken(test.baseUrl, app);
    await fetch(`${test.baseUrl}/coffre/v1/en-tete?page=2`, { headers: { KeyId: app.key } });
    await fetch(`${test.baseUrl}/coffre/v1/requete?page=2&apikey=${app.key}&tri=nom`);
    await fetch(`${test.baseUrl}/coffre/v1/cookie`, {
      headers: { cookie: `theme=clair; session_cle=${app.key}` },
    });
    await fetch(`${test.baseUrl}/coffre/v1/jeton`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const seen = upstream.seen.slice(-4);
    assert.deepEqual(
      seen.map((request) => request.url),
      [
        '/coffre/v1/en-tete?page=2',
        '/coffre/v1/requete?page=2&tri=nom',
        '/coffre/v1/cookie',
        '/coffre/v1/jeton',
      ],
    );
    for (const request of seen) {
      assert.equal(request.headers.keyid, undefined);
      assert.equal(request.headers.authorization, undefined);
      assert.ok(!JSON.stringify(request).includes(app.key), request.url);
      assert.ok(!JSON.stringify(request).includes(token), request.url);
    }
    assert.equal(seen[2]?.headers.cookie, 'theme=clair');
  });

  it('tells the back end who calls: consumer, application, plan, scopes, and a signed statement of it', async () => {
    const token = await getToken(test.baseUrl, app, 'coffre:lecture');
    await fetch(`${test.baseUrl}/coffre/v1/documents`, {
      headers: { authorization: `Bearer ${token}`, 'x-guichet-consumer': 'con_someoneelse' },
    });
    const seen = upstream.seen.at(-1);
    assert.ok(seen);
    assert.equal(seen.headers['x-guichet-consumer'], app.consumerId);
    assert.equal(seen.headers['x-guichet-application'], 'Logiciel de test');
    assert.equal(seen.headers['x-guichet-plan'], 'free');
    assert.equal(seen.headers['x-guichet-scopes'], 'coffre:lecture');
    const statement = String(seen.headers['x-guichet-identity']);
    const jwks = createRemoteJWKSet(new URL(`${test.baseUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(statement, jwks, {
      issuer: 'http://127.0.0.1:8000',
      audience: 'http://127.0.0.1:8000/coffre',
      typ: 'guichet-identity+jwt',
    });
    assert.equal(protectedHeader.alg, 'ES256');
    assert.equal(payload.sub, app.consumerId);
    assert.equal(payload.application, 'Logiciel de test');
    assert.equal(payload.plan, 'free');
    assert.equal(payload.scope, 'coffre:lecture');
    assert.equal(payload.client_id, app.clientId);
    assert.ok((payload.exp ?? 0) - (payload.iat ?? 0) <= 300);

    // A key grants every scope of its subscription; an anonymous call states no consumer.
    await fetch(`${test.baseUrl}/coffre/v1/documents`, { headers: { 'x-api-key': app.key } });
    assert.equal(
      upstream.seen.at(-1)?.headers['x-guichet-scopes'],
      'coffre:ecriture coffre:lecture',
    );
    await fetch(`${test.baseUrl}/coffre/v1/public`, {
      headers: { 'x-guichet-consumer': app.consumerId, 'x-guichet-scopes': 'coffre:admin' },
    });
    const anonymous = upstream.seen.at(-1)?.headers ?? {};
    assert.equal(anonymous['x-guichet-consumer'], undefined);
    assert.equal(anonymous['x-guichet-scopes'], undefined);
    assert.equal(anonymous['x-guichet-identity'], undefined);
    assert.equal(anonymous['x-guichet-plan'], 'anonymous');
  });
});
