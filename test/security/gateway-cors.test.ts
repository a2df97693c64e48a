/**
 * CORS preflights sent to the real gateway from the portal's origin: the answer allows only the
 * request headers the sandbox accepts (its own, and those the version's document declares as
 * header parameters or as an API key in a header), whatever the preflight asks for, so a page
 * can never get a browser to send it any other header.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem, loadCatalog } from '../../catalog/index.ts';
import { startGatewaySandbox, type GatewaySandbox } from './helpers/gateway-sandbox.ts';

const portalOrigin = 'http://127.0.0.1:4321';
const apisDir = join(import.meta.dirname, 'fixtures', 'cors', 'apis');

let sandbox: GatewaySandbox;

before(async () => {
  const result = await loadCatalog({ apisDir, audience: 'internal' });
  assert.equal(result.failed, false, result.problems.map(formatProblem).join('\n'));
  // No call reaches the mock server: a preflight is answered by the gateway alone.
  sandbox = await startGatewaySandbox({
    catalog: result.catalog,
    upstreamUrl: 'http://127.0.0.1:9',
    options: { corsOrigins: [portalOrigin], audience: 'public' },
  });
});
after(async () => {
  await sandbox.close();
});

/** The headers a preflight for `path` asking for `requested` is allowed, lower-cased. */
async function preflight(path: string, requested: string): Promise<string[]> {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin: portalOrigin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': requested,
    },
  });
  assert.equal(response.status, 204, await response.text());
  return (response.headers.get('access-control-allow-headers') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

describe('a CORS preflight gets only the headers the sandbox accepts', () => {
  test('a header no document declares (x-evil) is left out', async () => {
    const allowed = await preflight('/en-tetes/v1/dossiers', 'x-evil, x-api-key');
    assert.ok(!allowed.includes('x-evil'), allowed.join(', '));
    assert.ok(allowed.includes('x-api-key'));
  });

  test('cookie, host and proxy headers asked for are left out', async () => {
    const allowed = await preflight(
      '/en-tetes/v1/dossiers',
      'cookie, host, x-forwarded-for, forwarded, x-guichet-consumer',
    );
    for (const name of ['cookie', 'host', 'x-forwarded-for', 'forwarded', 'x-guichet-consumer']) {
      assert.ok(!allowed.includes(name), `${name} in ${allowed.join(', ')}`);
    }
  });

  test("the version's header parameters and key header are allowed, whatever their case", async () => {
    const allowed = await preflight(
      '/en-tetes/v1/dossiers',
      'X-TENANT, x-correlation-id, If-None-Match, x-cle-partenaire, authorization, prefer',
    );
    for (const name of [
      'x-tenant',
      'x-correlation-id',
      'if-none-match',
      'x-cle-partenaire',
      'authorization',
      'prefer',
    ]) {
      assert.ok(allowed.includes(name), `${name} missing from ${allowed.join(', ')}`);
    }
  });

  test("a webhook's header (sent by the API, never to it) is left out", async () => {
    const allowed = await preflight('/en-tetes/v1/dossiers', 'webhook-signature');
    assert.ok(!allowed.includes('webhook-signature'), allowed.join(', '));
  });

  test("another path's headers do not open this one (the self-service endpoints)", async () => {
    const allowed = await preflight('/self-service/keys', 'x-tenant, x-cle-partenaire');
    assert.ok(!allowed.includes('x-tenant'), allowed.join(', '));
    assert.ok(!allowed.includes('x-cle-partenaire'), allowed.join(', '));
  });

  test('an API concealed from this audience lends none of its headers', async () => {
    const allowed = await preflight('/cache-interne/v1/entrees', 'x-interne-secret');
    assert.ok(!allowed.includes('x-interne-secret'), allowed.join(', '));
  });
});
