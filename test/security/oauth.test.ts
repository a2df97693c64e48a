/**
 * Hostile inputs to the sandbox's authentication and its OAuth 2.0 authorization server:
 * tokens forged, expired, unsigned, signed by another key or for another API, a revoked
 * client's, scope escalation, impersonation of another consumer, credentials left in URLs for
 * the log to keep, guessed client secrets, oversized and malformed token requests. Each runs
 * through the real gateway on real sockets, in front of the real mock server or an echo.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, test } from 'node:test';
import { SignJWT, base64url } from 'jose';
import {
  getToken,
  loadSecurityCatalog,
  requestToken,
  startSecurityMock,
  toBasic,
  type Application,
} from '../integration/gateway/helpers/security-fixtures.ts';
import {
  startEchoUpstream,
  type EchoUpstream,
} from '../integration/gateway/helpers/start-echo-upstream.ts';
import {
  startTestGateway,
  type TestGateway,
} from '../integration/gateway/helpers/start-test-gateway.ts';

const issuer = 'http://127.0.0.1:8000';
const form = 'application/x-www-form-urlencoded';

async function issue(sandbox: TestGateway, api = 'coffre'): Promise<Application> {
  const response = await fetch(`${sandbox.adminUrl}/keys`, {
    method: 'POST',
    headers: { ...sandbox.admin, 'content-type': 'application/json' },
    body: JSON.stringify({ application: 'Appli hostile', api }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as Application;
}

/** The sandbox's own signing key, read from its store: what only a thief of the data folder has. */
function readSigningKey(dataDir: string): {
  kid: string;
  key: ReturnType<typeof createPrivateKey>;
  jwk: JsonWebKey;
} {
  const db = new DatabaseSync(join(dataDir, 'gateway.sqlite'), { readOnly: true });
  const row = db
    .prepare('SELECT kid, private_jwk AS jwk FROM signing_keys WHERE retired_at IS NULL')
    .get() as { kid: string; jwk: string };
  db.close();
  const jwk = JSON.parse(row.jwk) as JsonWebKey;
  return { kid: row.kid, key: createPrivateKey({ key: jwk, format: 'jwk' }), jwk };
}

/** Flushes the access log and returns every line written. */
function readAccessLog(sandbox: TestGateway): string {
  // The access log is written at once; the usage counts are not read here.
  void sandbox.gateway.flush();
  const dir = join(sandbox.dataDir, 'logs');
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('');
}

/** Asserts a 401 invalid-token problem with RFC 6750's challenge. */
async function expectInvalidToken(response: Response): Promise<void> {
  const body = (await response.json()) as { type: string };
  assert.equal(response.status, 401, JSON.stringify(body));
  assert.equal(body.type, '/problems/invalid-token');
  assert.match(
    response.headers.get('www-authenticate') ?? '',
    /^Bearer realm="guichet-sandbox", error="invalid_token", error_description="[\x20\x21\x23-\x5b\x5d-\x7e]+"$/,
  );
}

describe('tokens that are not what they claim', () => {
  let mock: { url: string; close(): Promise<void> };
  let sandbox: TestGateway;
  let app: Application;
  const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    client_id: app.clientId,
    scope: 'coffre:lecture coffre:ecriture coffre:admin',
    ...overrides,
  });
  const sign = (
    key: Parameters<SignJWT['sign']>[0],
    header: Record<string, unknown>,
    payload: Record<string, unknown>,
    exp = '10m',
  ): Promise<string> =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', ...header })
      .setIssuer(issuer)
      .setSubject(app.clientId)
      .setAudience(`${issuer}/coffre`)
      .setIssuedAt()
      .setJti(`hostile-${String(Math.random())}`)
      .setExpirationTime(exp)
      .sign(key);
  const callWith = (
    token: string,
    path = '/documents/DOC-1',
    method = 'DELETE',
  ): Promise<Response> =>
    fetch(`${sandbox.baseUrl}/coffre/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });

  before(async () => {
    mock = await startSecurityMock();
    sandbox = await startTestGateway(mock.url, { catalog: await loadSecurityCatalog() });
    app = await issue(sandbox);
  });
  after(async () => {
    await sandbox.close();
    await mock.close();
  });

  test('a real token whose signature was altered (a scope added to its payload)', async () => {
    const token = await getToken(sandbox.baseUrl, app, 'coffre:lecture');
    const [head = '', , signature = ''] = token.split('.');
    const payload = base64url.encode(
      JSON.stringify({
        ...claims(),
        iss: issuer,
        sub: app.clientId,
        aud: [`${issuer}/coffre`],
        exp: 9_999_999_999,
        iat: 1,
        jti: 'x',
      }),
    );
    await expectInvalidToken(await callWith(`${head}.${payload}.${signature}`));
  });

  test('a token signed by another key under the sandbox key id', async () => {
    const { kid } = readSigningKey(sandbox.dataDir);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expectInvalidToken(await callWith(await sign(privateKey, { kid }, claims())));
  });

  test('a token signed by the sandbox key, expired', async () => {
    const { kid, key } = readSigningKey(sandbox.dataDir);
    await expectInvalidToken(
      await callWith(await sign(key, { kid }, claims(), '-1s'), '/documents', 'GET'),
    );
  });

  test('an unsigned token (alg none)', async () => {
    const head = base64url.encode(
      JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: readSigningKey(sandbox.dataDir).kid }),
    );
    const payload = base64url.encode(
      JSON.stringify({
        ...claims(),
        iss: issuer,
        sub: app.clientId,
        aud: [`${issuer}/coffre`],
        exp: 9_999_999_999,
        iat: 1,
        jti: 'none',
      }),
    );
    await expectInvalidToken(await callWith(`${head}.${payload}.`));
  });

  test('a token under a key id the sandbox never published', async () => {
    const { key } = readSigningKey(sandbox.dataDir);
    await expectInvalidToken(await callWith(await sign(key, { kid: 'sig_unknown' }, claims())));
  });

  test('an HMAC token keyed with the published public key (algorithm confusion)', async () => {
    const { kid, jwk } = readSigningKey(sandbox.dataDir);
    const secret = new TextEncoder().encode(
      JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }),
    );
    await expectInvalidToken(await callWith(await sign(secret, { kid, alg: 'HS256' }, claims())));
  });

  test('a real token for another API (wrong audience)', async () => {
    const other = await issue(sandbox, 'registre');
    const token = await getToken(sandbox.baseUrl, other);
    await expectInvalidToken(await callWith(token, '/jeton', 'GET'));
  });

  test("the gateway's own identity statement presented as an access token", async () => {
    const { kid, key } = readSigningKey(sandbox.dataDir);
    await expectInvalidToken(
      await callWith(
        await sign(key, { kid, typ: 'guichet-identity+jwt' }, claims()),
        '/jeton',
        'GET',
      ),
    );
  });

  test('a token of a client since revoked', async () => {
    const holder = await issue(sandbox);
    const token = await getToken(sandbox.baseUrl, holder);
    const revoked = await fetch(`${sandbox.adminUrl}/clients/${holder.clientId}/revoke`, {
      method: 'POST',
      headers: sandbox.admin,
    });
    assert.equal(revoked.status, 200);
    await expectInvalidToken(await callWith(token, '/jeton', 'GET'));
  });

  test('a bearer token of 8,000 characters', async () => {
    await expectInvalidToken(
      await callWith(`${'a'.repeat(4_000)}.${'b'.repeat(3_990)}.c`, '/jeton', 'GET'),
    );
  });

  test('a token in the access_token query parameter, which the sandbox does not read', async () => {
    const token = await getToken(sandbox.baseUrl, app);
    const response = await fetch(`${sandbox.baseUrl}/coffre/v1/jeton?access_token=${token}`);
    assert.equal(response.status, 401);
    assert.equal(
      ((await response.json()) as { type: string }).type,
      '/problems/missing-credentials',
    );
  });

  test('a token request for a restricted scope the subscription lacks (escalation)', async () => {
    const response = await requestToken(sandbox.baseUrl, app, 'coffre:lecture coffre:admin');
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 400);
    assert.equal(body.error, 'invalid_scope');
  });

  test("a token request for another API's scope", async () => {
    const response = await requestToken(sandbox.baseUrl, app, 'registre:lecture');
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Record<string, unknown>).error, 'invalid_scope');
  });

  test("revoking another client's token", async () => {
    const victim = await issue(sandbox);
    const token = await getToken(sandbox.baseUrl, victim);
    const response = await fetch(`${sandbox.baseUrl}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': form, authorization: toBasic(app.clientId, app.clientSecret) },
      body: new URLSearchParams({ token }),
    });
    assert.equal(response.status, 200);
    assert.equal((await callWith(token, '/jeton', 'GET')).status, 200);
  });

  test('introspection without the admin token', async () => {
    const token = await getToken(sandbox.baseUrl, app);
    const response = await fetch(`${sandbox.adminUrl}/oauth/introspect`, {
      method: 'POST',
      headers: { 'content-type': form, authorization: `Bearer ${token}` },
      body: new URLSearchParams({ token }),
    });
    assert.equal(response.status, 401);
    assert.equal(
      ((await response.json()) as { type: string }).type,
      '/problems/admin-token-required',
    );
  });
});

describe('requests that pass for someone else, or leave secrets behind', () => {
  let upstream: EchoUpstream;
  let sandbox: TestGateway;
  let app: Application;

  before(async () => {
    upstream = await startEchoUpstream();
    sandbox = await startTestGateway(upstream.url, { catalog: await loadSecurityCatalog() });
    app = await issue(sandbox);
  });
  after(async () => {
    await sandbox.close();
    await upstream.close();
  });

  test('X-Guichet-Consumer, -Scopes, -Plan and -Identity sent by a client to pass for another consumer', async () => {
    const forged = {
      'x-guichet-consumer': 'con_victim000001',
      'x-guichet-application': 'Victim',
      'x-guichet-plan': 'internal',
      'x-guichet-scopes': 'coffre:admin',
      'x-guichet-identity': 'forged.statement.here',
      'X-Guichet-Whatever': 'x',
    };
    await fetch(`${sandbox.baseUrl}/coffre/v1/en-tete`, { headers: { ...forged, KeyId: app.key } });
    const keyed = upstream.seen.at(-1)?.headers ?? {};
    assert.equal(keyed['x-guichet-consumer'], app.consumerId);
    assert.equal(keyed['x-guichet-plan'], 'free');
    assert.equal(keyed['x-guichet-scopes'], 'coffre:ecriture coffre:lecture');
    assert.notEqual(keyed['x-guichet-identity'], 'forged.statement.here');
    assert.equal(keyed['x-guichet-whatever'], undefined);
    await fetch(`${sandbox.baseUrl}/coffre/v1/public`, { headers: forged });
    const anonymous = upstream.seen.at(-1)?.headers ?? {};
    assert.deepEqual(
      Object.keys(anonymous).filter((name) => name.startsWith('x-guichet-')),
      ['x-guichet-plan'],
    );
    assert.equal(anonymous['x-guichet-plan'], 'anonymous');
  });

  test('a key, a client secret and a token in the query and the path, for the log to keep', async () => {
    const token = await getToken(sandbox.baseUrl, app);
    await fetch(
      `${sandbox.baseUrl}/coffre/v1/requete?apikey=${app.key}&secret=${app.clientSecret}`,
    );
    await fetch(`${sandbox.baseUrl}/coffre/v1/x/${app.key}/${app.clientSecret}/${token}`, {
      headers: { KeyId: app.key },
    });
    await fetch(`${sandbox.baseUrl}/coffre/v1/jeton?access_token=${token}`);
    const log = readAccessLog(sandbox);
    assert.ok(log.includes('/coffre/v1/requete'), 'the calls were logged');
    assert.ok(!log.includes(app.key.slice(3)), 'no key in the log');
    assert.ok(!log.includes(app.clientSecret.slice(3)), 'no client secret in the log');
    assert.ok(!log.includes(token.split('.')[1] ?? 'x'), 'no token in the log');
    // Nor upstream: the key's query parameter is taken off before the mock server.
    assert.ok(!JSON.stringify(upstream.seen).includes(app.key));
  });

  test('a client secret pasted as X-Request-ID, for the log and the mock server to keep', async () => {
    const response = await fetch(`${sandbox.baseUrl}/coffre/v1/en-tete`, {
      headers: { KeyId: app.key, 'x-request-id': app.clientSecret },
    });
    assert.equal(response.status, 200);
    assert.notEqual(response.headers.get('x-request-id'), app.clientSecret);
    assert.ok(!JSON.stringify(upstream.seen.at(-1)).includes(app.clientSecret));
    assert.ok(!readAccessLog(sandbox).includes(app.clientSecret.slice(3)));
  });
});

describe('guessing client secrets, and malformed token requests', () => {
  let upstream: EchoUpstream;
  let sandbox: TestGateway;
  let app: Application;
  const post = (body: string, headers: Record<string, string>): Promise<Response> =>
    fetch(`${sandbox.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': form, ...headers },
      body,
    });

  before(async () => {
    upstream = await startEchoUpstream();
    sandbox = await startTestGateway(upstream.url, {
      catalog: await loadSecurityCatalog(),
      maxFailedAuthenticationsPerMinute: 10,
    });
    app = await issue(sandbox);
  });
  after(async () => {
    await sandbox.close();
    await upstream.close();
  });

  test('a token request of 100 KiB', async () => {
    const response = await post(`grant_type=client_credentials&scope=${'a'.repeat(100 * 1024)}`, {
      authorization: toBasic(app.clientId, app.clientSecret),
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { type: string }).type, '/problems/body-too-large');
  });

  test('grant_type sent twice, to smuggle a second grant', async () => {
    const response = await post('grant_type=client_credentials&grant_type=password', {
      authorization: toBasic(app.clientId, app.clientSecret),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as Record<string, unknown>).error, 'invalid_request');
  });

  test('an Authorization: Basic header of 2 KiB of garbage, then one that is not base64', async () => {
    for (const value of [`Basic ${'A'.repeat(2_048)}`, 'Basic ::::', 'Basic', 'Basic Z2M6']) {
      const response = await post('grant_type=client_credentials', { authorization: value });
      assert.equal(response.status, 401, value.slice(0, 20));
      assert.equal(((await response.json()) as Record<string, unknown>).error, 'invalid_client');
    }
  });

  test('guessing secrets: the same answer for an unknown client and a wrong secret, then 429 for all', async () => {
    const comparable = async (response: Response): Promise<string> => {
      const body = (await response.json()) as Record<string, unknown>;
      delete body.instance;
      const headers = [...response.headers].filter(
        ([name]) => !['x-request-id', 'date', 'content-length', 'keep-alive'].includes(name),
      );
      return JSON.stringify([response.status, headers, body]);
    };
    const unknown = await comparable(
      await post('grant_type=client_credentials', {
        authorization: toBasic('gc_AAAAAAAAAAAAAAAA', app.clientSecret),
      }),
    );
    const wrong = await comparable(
      await post('grant_type=client_credentials', {
        authorization: toBasic(app.clientId, `gs_${'g'.repeat(32)}`),
      }),
    );
    assert.equal(unknown, wrong);
    let blocked: Response | undefined;
    for (let guess = 0; guess < 40 && blocked === undefined; guess += 1) {
      const response = await post('grant_type=client_credentials', {
        authorization: toBasic(app.clientId, `gs_${String(guess).padStart(32, 'h')}`),
      });
      if (response.status === 429) blocked = response;
      else assert.equal(response.status, 401);
    }
    assert.ok(blocked, 'the guesses were stopped');
    assert.equal(
      ((await blocked.json()) as { type: string }).type,
      '/problems/too-many-failed-authentications',
    );
    assert.ok(Number(blocked.headers.get('retry-after')) >= 1);
    // The right secret gets the same 429 meanwhile: the answer tells no guess apart.
    assert.equal((await requestToken(sandbox.baseUrl, app)).status, 429);
  });
});
