import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { writeSnapshot } from '../../../catalog/index.ts';
import { describeOnEachStore } from '../../helpers/gateway-stores.ts';
import { runKeysCli } from './helpers/run-keys-cli.ts';
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
 * The sandbox's OAuth 2.0 authorization server against the real gateway and Prism: the token
 * endpoint's answers and refusals (RFC 6749), its metadata (RFC 8414) and keys, tokens checked
 * by jose against the published JWKS only, revocation (RFC 7009, and from the CLI in another
 * process), introspection (RFC 7662), secret and signing-key rotation.
 */

const form = 'application/x-www-form-urlencoded';

async function expectOAuthError(
  response: Response,
  status: number,
  error: string,
): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.equal(response.headers.get('pragma'), 'no-cache');
  assert.equal(body.error, error);
  assert.equal(typeof body.error_description, 'string');
  assert.equal(
    body.type,
    `/problems/${error === 'invalid_request' ? 'invalid-token-request' : error.replaceAll('_', '-')}`,
  );
  return body;
}

describeOnEachStore('the OAuth 2.0 authorization server of the sandbox', (store) => {
  let mock: { url: string; close(): Promise<void> };
  let test: TestGateway;
  let app: Application;
  const call = (path: string, token: string): Promise<Response> =>
    fetch(`${test.baseUrl}/coffre/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const issue = async (plan = 'free'): Promise<Application> => {
    const response = await fetch(`${test.adminUrl}/keys`, {
      method: 'POST',
      headers: { ...test.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ application: 'Logiciel OAuth', api: 'coffre', plan }),
    });
    assert.equal(response.status, 201);
    return (await response.json()) as Application;
  };

  before(async () => {
    mock = await startSecurityMock();
    const catalog = await loadSecurityCatalog();
    test = await startTestGateway(mock.url, {
      catalog,
      issuerUrl: 'http://127.0.0.1:9',
      ...store.gatewayOptions,
    });
    // The CLI reads the API ids from the sandbox's snapshot, as beside `npm run sandbox`.
    await writeSnapshot(catalog, join(test.dataDir, 'catalog.json'));
    app = await issue();
  });
  after(async () => {
    await test.close();
    await mock.close();
  });

  it('issues a token by client_secret_basic and by client_secret_post', async () => {
    const basic = await requestToken(test.baseUrl, app, 'coffre:lecture');
    assert.equal(basic.status, 200);
    assert.equal(basic.headers.get('cache-control'), 'no-store');
    assert.equal(basic.headers.get('pragma'), 'no-cache');
    const body = (await basic.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), [
      'access_token',
      'expires_in',
      'scope',
      'token_type',
    ]);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 900);
    assert.equal(body.scope, 'coffre:lecture');
    const posted = await fetch(`${test.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': form },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.clientSecret,
      }),
    });
    assert.equal(posted.status, 200);
    // Without `scope`, every scope the subscription grants: the restricted one is not.
    assert.equal(
      ((await posted.json()) as { scope: string }).scope,
      'coffre:ecriture coffre:lecture',
    );
  });

  it('refuses exactly as RFC 6749 §5.2 says', async () => {
    const post = (
      body: Record<string, string>,
      headers: Record<string, string> = {},
    ): Promise<Response> =>
      fetch(`${test.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': form, ...headers },
        body: new URLSearchParams(body),
      });
    const basic = { authorization: toBasic(app.clientId, app.clientSecret) };
    const noClient = await post({ grant_type: 'client_credentials' });
    await expectOAuthError(noClient, 401, 'invalid_client');
    assert.equal(
      noClient.headers.get('www-authenticate'),
      'Basic realm="guichet-sandbox", charset="UTF-8"',
    );
    const wrong = await post(
      { grant_type: 'client_credentials' },
      { authorization: toBasic(app.clientId, `gs_${'w'.repeat(32)}`) },
    );
    await expectOAuthError(wrong, 401, 'invalid_client');
    assert.equal(
      wrong.headers.get('www-authenticate'),
      'Basic realm="guichet-sandbox", charset="UTF-8"',
    );
    await expectOAuthError(
      await post(
        {
          grant_type: 'client_credentials',
          client_id: app.clientId,
          client_secret: app.clientSecret,
        },
        basic,
      ),
      400,
      'invalid_request',
    );
    await expectOAuthError(await post({}, basic), 400, 'invalid_request');
    await expectOAuthError(
      await post({ grant_type: 'password', username: 'a', password: 'b' }, basic),
      400,
      'unsupported_grant_type',
    );
    await expectOAuthError(
      await post({ grant_type: 'authorization_code', code: 'x' }, basic),
      400,
      'unsupported_grant_type',
    );
    await expectOAuthError(
      await post({ grant_type: 'client_credentials', scope: 'coffre:inconnu' }, basic),
      400,
      'invalid_scope',
    );
    const json = await fetch(`${test.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...basic },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    await expectOAuthError(json, 400, 'invalid_request');
    // A client whose only subscription is revoked holds no grant.
    const revoked = await issue();
    await fetch(`${test.adminUrl}/keys/${revoked.prefix}/revoke`, {
      method: 'POST',
      headers: test.admin,
    });
    await expectOAuthError(await requestToken(test.baseUrl, revoked), 400, 'invalid_grant');
    const get = await fetch(`${test.baseUrl}/oauth/token`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
  });

  it('publishes its metadata (RFC 8414), and tokens verify by jose against the JWKS alone', async () => {
    const response = await fetch(`${test.baseUrl}/.well-known/oauth-authorization-server`);
    assert.equal(response.status, 200);
    const metadata = (await response.json()) as Record<string, unknown>;
    assert.equal(metadata.issuer, 'http://127.0.0.1:9');
    assert.equal(metadata.token_endpoint, 'http://127.0.0.1:9/oauth/token');
    assert.equal(metadata.jwks_uri, 'http://127.0.0.1:9/.well-known/jwks.json');
    assert.equal(metadata.revocation_endpoint, 'http://127.0.0.1:9/oauth/revoke');
    assert.deepEqual(metadata.grant_types_supported, ['client_credentials']);
    assert.deepEqual(metadata.token_endpoint_auth_methods_supported, [
      'client_secret_basic',
      'client_secret_post',
    ]);
    assert.deepEqual(metadata.scopes_supported, [
      'coffre:admin',
      'coffre:ecriture',
      'coffre:lecture',
      'registre:ecriture',
      'registre:lecture',
    ]);

    const token = await getToken(test.baseUrl, app, 'coffre:lecture');
    // An independent JOSE client: jose's remote key set fetches the sandbox's real JWKS.
    const jwks = createRemoteJWKSet(new URL(`${test.baseUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: 'http://127.0.0.1:9',
      audience: 'http://127.0.0.1:9/coffre',
      typ: 'at+jwt',
      algorithms: ['ES256'],
    });
    assert.equal(protectedHeader.alg, 'ES256');
    assert.match(protectedHeader.kid ?? '', /^sig_/);
    assert.equal(payload.client_id, app.clientId);
    assert.equal(payload.sub, app.clientId);
    assert.equal(payload.scope, 'coffre:lecture');
    assert.equal(typeof payload.jti, 'string');
    assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 900);
    const keys = (await (await fetch(`${test.baseUrl}/.well-known/jwks.json`)).json()) as {
      keys: Record<string, unknown>[];
    };
    assert.deepEqual(
      keys.keys.map((key) => [key.kty, key.crv, key.use, key.alg, key.kid, 'd' in key]),
      [['EC', 'P-256', 'sig', 'ES256', protectedHeader.kid, false]],
    );
  });

  it('revokes a token (RFC 7009): it fails on the next request', async () => {
    const token = await getToken(test.baseUrl, app);
    assert.equal((await call('/jeton', token)).status, 200);
    const revoke = await fetch(`${test.baseUrl}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': form, authorization: toBasic(app.clientId, app.clientSecret) },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
    });
    assert.equal(revoke.status, 200);
    const refused = await call('/jeton', token);
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as { type: string }).type, '/problems/invalid-token');
    // Unknown tokens get the same 200: the answer says nothing of tokens the client lacks.
    const unknown = await fetch(`${test.baseUrl}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': form, authorization: toBasic(app.clientId, app.clientSecret) },
      body: new URLSearchParams({ token: 'not-a-token' }),
    });
    assert.equal(unknown.status, 200);
  });

  it('introspects tokens for administrators and owners (RFC 7662, admin port)', async () => {
    const token = await getToken(test.baseUrl, app, 'coffre:lecture');
    const introspect = (headers: Record<string, string>, value = token): Promise<Response> =>
      fetch(`${test.adminUrl}/oauth/introspect`, {
        method: 'POST',
        headers: { 'content-type': form, ...headers },
        body: new URLSearchParams({ token: value }),
      });
    assert.equal((await introspect({})).status, 401);
    const active = (await (await introspect(test.admin)).json()) as Record<string, unknown>;
    assert.equal(active.active, true);
    assert.equal(active.client_id, app.clientId);
    assert.equal(active.scope, 'coffre:lecture');
    assert.equal(active.consumer_id, app.consumerId);
    assert.deepEqual(await (await introspect(test.admin, 'x.y.z')).json(), { active: false });
  });

  it('revocation from the CLI, in another process, applies on the next request', async () => {
    const holder = await issue();
    const token = await getToken(test.baseUrl, holder);
    assert.equal((await call('/jeton', token)).status, 200);
    const revoked = await runKeysCli(test.dataDir, ['revoke', holder.prefix], store.env);
    assert.equal(revoked.code, 0, revoked.stderr);
    const refused = await call('/jeton', token);
    assert.equal(refused.status, 403);
    assert.equal(
      ((await refused.json()) as { type: string }).type,
      '/problems/subscription-revoked',
    );

    const other = await issue();
    const otherToken = await getToken(test.baseUrl, other);
    const client = await runKeysCli(test.dataDir, ['revoke-client', other.clientId], store.env);
    assert.equal(client.code, 0, client.stderr);
    const invalid = await call('/jeton', otherToken);
    assert.equal(invalid.status, 401);
    assert.equal(((await invalid.json()) as { type: string }).type, '/problems/invalid-token');
    await expectOAuthError(await requestToken(test.baseUrl, other), 401, 'invalid_client');
  });

  it('rotates the signing key from the CLI without failing a request, across the JWKS', async () => {
    // The internal plan's quota leaves room for the calls made while the other process runs.
    const busy = await issue('internal');
    const before = await getToken(test.baseUrl, busy);
    const oldKid = decodeProtectedHeader(before).kid;
    const statuses = new Set<number>();
    const progress = { rotated: false };
    const rotation = runKeysCli(test.dataDir, ['rotate-signing-key'], store.env).then((run) => {
      progress.rotated = true;
      return run;
    });
    // Calls keep going while the other process rotates the key, and until this one sees it.
    let after = before;
    while (!progress.rotated || decodeProtectedHeader(after).kid === oldKid) {
      statuses.add((await call('/jeton', before)).status);
      if (progress.rotated) after = await getToken(test.baseUrl, busy);
    }
    assert.equal((await rotation).code, 0);
    statuses.add((await call('/jeton', before)).status);
    statuses.add((await call('/jeton', after)).status);
    assert.deepEqual([...statuses], [200]);
    const jwks = createRemoteJWKSet(new URL(`${test.baseUrl}/.well-known/jwks.json`));
    const options = { issuer: 'http://127.0.0.1:9', audience: 'http://127.0.0.1:9/coffre' };
    assert.equal((await jwtVerify(before, jwks, options)).protectedHeader.kid, oldKid);
    assert.notEqual((await jwtVerify(after, jwks, options)).protectedHeader.kid, oldKid);
  });

  it('rotates a client secret with a grace period; the holder revokes their own credentials', async () => {
    const holder = await issue();
    const rotated = await fetch(`${test.baseUrl}/_guichet/credentials/rotate-secret`, {
      method: 'POST',
      headers: { authorization: toBasic(holder.clientId, holder.clientSecret) },
    });
    assert.equal(rotated.status, 200);
    const fresh = (await rotated.json()) as {
      clientSecret: string;
      previousSecretValidUntil: string;
    };
    assert.match(fresh.clientSecret, /^gs_/);
    assert.ok(Date.parse(fresh.previousSecretValidUntil) > Date.now());
    // Both secrets work during the grace period.
    await getToken(test.baseUrl, holder);
    await getToken(test.baseUrl, { clientId: holder.clientId, clientSecret: fresh.clientSecret });
    // An administrator's rotation without grace stops the previous secret at once.
    const now = await fetch(`${test.adminUrl}/clients/${holder.clientId}/rotate-secret`, {
      method: 'POST',
      headers: { ...test.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ graceSeconds: 0 }),
    });
    const latest = (await now.json()) as { clientSecret: string };
    await expectOAuthError(
      await requestToken(test.baseUrl, {
        clientId: holder.clientId,
        clientSecret: fresh.clientSecret,
      }),
      401,
      'invalid_client',
    );
    const current = { clientId: holder.clientId, clientSecret: latest.clientSecret };
    const token = await getToken(test.baseUrl, current);
    const revoked = await fetch(`${test.baseUrl}/_guichet/credentials/revoke`, {
      method: 'POST',
      headers: { authorization: toBasic(current.clientId, current.clientSecret) },
    });
    assert.equal(revoked.status, 200);
    assert.equal((await call('/jeton', token)).status, 401);
    const key = await fetch(`${test.baseUrl}/coffre/v1/en-tete`, {
      headers: { KeyId: holder.key },
    });
    assert.equal(key.status, 403);
  });
});
