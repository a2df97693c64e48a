/**
 * Hostile credentials and parameters at the two usage reports, on both stores: the admin
 * token altered, moved or replaced by a consumer's credential at `GET /usage`; at
 * `GET /_guichet/usage`, the admin token or another consumer's secret presented as one's own,
 * tokens tampered with, a key or a client that was revoked, and parameters the consumer's
 * report does not take or cannot hold. Every one is refused with a problem, or reads the
 * caller's own calls and nothing more. Real gateway on real sockets, real mock server.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeOnEachStore } from '../helpers/gateway-stores.ts';
import {
  loadGatewayFixtureCatalog,
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';

const api = 'guichet-ouvert';

interface Issued {
  key: string;
  keyId: string;
  consumerId: string;
  clientId: string;
  clientSecret: string;
}

function toBasic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

function assertProblem(response: Response, status: number, type?: string): Promise<void> {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  return response.json().then((problem: unknown) => {
    if (type !== undefined) assert.equal((problem as { type: string }).type, `/problems/${type}`);
  });
}

describeOnEachStore('hostile credentials at the usage reports', (store) => {
  let mock: RunningMockServer;
  let sandbox: GatewaySandbox;
  let admin: Record<string, string>;
  let a: Issued;
  let b: Issued;
  let tokenOfA = '';

  const owners = (query: string, headers: Record<string, string>) =>
    fetch(`${sandbox.adminUrl}/usage${query}`, { headers });
  const own = (query: string, headers: Record<string, string>) =>
    fetch(`${sandbox.baseUrl}/_guichet/usage${query}`, { headers });
  /** The caller's own report, and what it must not hold. */
  const assertOwn = async (response: Response, who: Issued, other: Issued): Promise<void> => {
    assert.equal(response.status, 200);
    const text = await response.text();
    const report = JSON.parse(text) as { consumerId: string; totals: { requests: number } };
    assert.equal(report.consumerId, who.consumerId);
    assert.equal(report.totals.requests, who === a ? 2 : 1);
    assert.ok(!text.includes(other.consumerId));
  };

  before(async () => {
    const catalog = await loadGatewayFixtureCatalog();
    mock = await startFixtureMockServer(catalog);
    sandbox = await startGatewaySandbox({
      catalog,
      upstreamUrl: mock.url,
      options: store.gatewayOptions,
    });
    admin = { authorization: `Bearer ${sandbox.gateway.adminToken}` };
    a = (await sandbox.issueKey({ application: 'Appli A', api })) as Issued;
    b = (await sandbox.issueKey({ application: 'Appli B', api })) as Issued;
    for (const who of [a, a, b]) {
      const answer = await fetch(`${sandbox.baseUrl}/${api}/v1/demarches`, {
        headers: { 'x-api-key': who.key },
      });
      await answer.arrayBuffer();
    }
    const token = await fetch(`${sandbox.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: toBasic(a.clientId, a.clientSecret),
      },
      body: 'grant_type=client_credentials',
    });
    assert.equal(token.status, 200, await token.clone().text());
    tokenOfA = ((await token.json()) as { access_token: string }).access_token;
  });
  after(async () => {
    await sandbox.close();
    await mock.close();
  });

  test("the owners' report with the admin token's last character changed", async () => {
    const token = sandbox.gateway.adminToken;
    const altered = `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`;
    await assertProblem(await owners('', { authorization: `Bearer ${altered}` }), 401);
  });
  test("the owners' report with the first half of the admin token", async () => {
    const token = sandbox.gateway.adminToken;
    const half = token.slice(0, Math.ceil(token.length / 2));
    await assertProblem(await owners('', { authorization: `Bearer ${half}` }), 401);
  });
  test("the owners' report with the admin token in the query instead of a header", async () => {
    const query = `?access_token=${encodeURIComponent(sandbox.gateway.adminToken)}`;
    await assertProblem(await owners(query, {}), 401);
  });
  test("the owners' report with the admin token sent as Basic", async () => {
    const basic = toBasic('admin', sandbox.gateway.adminToken);
    await assertProblem(await owners('', { authorization: basic }), 401);
  });
  test("the owners' report with a consumer's key as the bearer", async () => {
    await assertProblem(await owners('', { authorization: `Bearer ${a.key}` }), 401);
  });
  test("the owners' report with a consumer's access token", async () => {
    await assertProblem(await owners('', { authorization: `Bearer ${tokenOfA}` }), 401);
  });
  test("the owners' report with a consumer's client credentials", async () => {
    await assertProblem(
      await owners('', { authorization: toBasic(a.clientId, a.clientSecret) }),
      401,
    );
  });

  test("one's own report with the admin token as the bearer", async () => {
    const response = await own('', { authorization: `Bearer ${sandbox.gateway.adminToken}` });
    await assertProblem(response, 401);
  });
  test("one's own report with A's access token, its signature altered", async () => {
    const [header, claims, signature = ''] = tokenOfA.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const response = await own('', { authorization: `Bearer ${header}.${claims}.${flipped}` });
    await assertProblem(response, 401, 'invalid-token');
  });
  test("one's own report with A's claims unsigned (alg none)", async () => {
    const [, claims] = tokenOfA.split('.');
    const none = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    const response = await own('', { authorization: `Bearer ${none}.${claims}.` });
    await assertProblem(response, 401, 'invalid-token');
  });
  test("one's own report with A's client id and B's secret", async () => {
    const response = await own('', { authorization: toBasic(a.clientId, b.clientSecret) });
    await assertProblem(response, 401);
  });
  test("one's own report with A's key and B's key as the bearer: A's alone", async () => {
    const response = await own('', { 'x-api-key': a.key, authorization: `Bearer ${b.key}` });
    await assertOwn(response, a, b);
  });
  test("one's own report with A's access token: A's alone", async () => {
    await assertOwn(await own('', { authorization: `Bearer ${tokenOfA}` }), a, b);
  });
  test("one's own report asking for an operation, which it does not filter by", async () => {
    await assertProblem(await own('?operation=listDemarches', { 'x-api-key': a.key }), 400);
  });
  test("one's own report asking for a plan, or a limit", async () => {
    await assertProblem(await own('?plan=premium&limit=100', { 'x-api-key': a.key }), 400);
  });
  test("one's own report with a NUL in the API, which PostgreSQL's text cannot hold", async () => {
    await assertProblem(await own('?api=guichet%00ouvert', { 'x-api-key': a.key }), 400);
  });
  test("one's own report with bytes that are not UTF-8 in the API", async () => {
    const response = await own('?api=%FF%FE', { 'x-api-key': a.key });
    assert.equal(response.status, 200);
    const report = (await response.json()) as { apis: unknown[]; totals: { requests: number } };
    assert.deepEqual(report.apis, []);
    assert.equal(report.totals.requests, 0);
  });
  test("one's own report with a query of 100 KiB", async () => {
    const response = await own(`?api=${'a'.repeat(100 * 1024)}`, { 'x-api-key': a.key });
    assert.ok(response.status === 400 || response.status === 414 || response.status === 431);
    await response.arrayBuffer();
  });

  test("one's own report with a key that was revoked", async () => {
    const revoke = await fetch(`${sandbox.adminUrl}/keys/${b.keyId}/revoke`, {
      method: 'POST',
      headers: admin,
    });
    assert.equal(revoke.status, 200);
    await revoke.arrayBuffer();
    await assertProblem(await own('', { 'x-api-key': b.key }), 403, 'subscription-revoked');
  });
  test("one's own report with the access token of a client that was revoked", async () => {
    const revoke = await fetch(`${sandbox.adminUrl}/clients/${a.clientId}/revoke`, {
      method: 'POST',
      headers: admin,
    });
    assert.equal(revoke.status, 200);
    await revoke.arrayBuffer();
    await assertProblem(
      await own('', { authorization: `Bearer ${tokenOfA}` }),
      401,
      'invalid-token',
    );
  });
});
