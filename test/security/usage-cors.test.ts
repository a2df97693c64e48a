/**
 * Hostile inputs to the one admin path a browser may read: `GET /usage` answers CORS to the
 * portal's origins (`GUICHET_CORS_ORIGINS`), so the portal's owners' page can show it with the
 * admin token typed in. Another site's page, an origin dressed up as the portal's, a preflight
 * asking for more than a read, and the portal reaching for the rest of the admin API (keys,
 * consumers, metrics) all get no grant a browser would honour. Real gateway, real sockets.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  loadGatewayFixtureCatalog,
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';

const portal = 'https://portail.exemple.gouv.fr';
let mock: RunningMockServer;
let sandbox: GatewaySandbox;
let token: string;

before(async () => {
  const catalog = await loadGatewayFixtureCatalog();
  mock = await startFixtureMockServer(catalog);
  sandbox = await startGatewaySandbox({
    catalog,
    upstreamUrl: mock.url,
    options: { corsOrigins: [portal] },
  });
  token = sandbox.gateway.adminToken;
});
after(async () => {
  await sandbox.close();
  await mock.close();
});

async function send(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<Response> {
  const response = await fetch(`${sandbox.adminUrl}${path}`, { method, headers });
  await response.arrayBuffer();
  return response;
}

const preflight = (origin: string, method = 'GET', requested = 'authorization') => ({
  origin,
  'access-control-request-method': method,
  'access-control-request-headers': requested,
});

describe('who may read the usage report from a browser', () => {
  for (const origin of [
    'https://evil.example',
    'null',
    'https://portail.exemple.gouv.fr.evil.example',
    'http://portail.exemple.gouv.fr',
    'https://portail.exemple.gouv.fr:8443',
  ]) {
    test(`a page of ${origin}, even holding the token, is refused`, async () => {
      const response = await send('/usage', { origin, authorization: `Bearer ${token}` });
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });
  }
  test('a preflight from another site is refused', async () => {
    const response = await send('/usage', preflight('https://evil.example'), 'OPTIONS');
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
  test('a preflight asking to write, or to send other headers, is granted only a read', async () => {
    const response = await send(
      '/usage',
      preflight(portal, 'POST', 'authorization, x-api-key, cookie, x-guichet-consumer'),
      'OPTIONS',
    );
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, HEAD');
    assert.deepEqual(
      (response.headers.get('access-control-allow-headers') ?? '').split(', ').sort(),
      ['accept', 'authorization'],
    );
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
  });
});

describe('the rest of the admin API stays closed to browsers, the portal included', () => {
  for (const path of ['/keys', '/consumers', '/metrics', '/usage/../keys', '/usage%2F..%2Fkeys']) {
    test(`the portal reading ${path} with the token gets no CORS grant`, async () => {
      const response = await send(path, { origin: portal, authorization: `Bearer ${token}` });
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });
  }
  test('a preflight of POST /keys from the portal gets no grant', async () => {
    const response = await send(
      '/keys',
      preflight(portal, 'POST', 'authorization, content-type'),
      'OPTIONS',
    );
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(response.headers.get('access-control-allow-methods'), null);
  });
});
