/**
 * Answers whose headers a hostile document sets, through the real mock server (Prism) and the
 * real gateway: the browser must never get a header that acts beyond the answer (a cookie, CORS,
 * a redirection to another host, a wipe of the origin's storage…), and an answer must never run
 * as a page on the sandbox's origin.
 */
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem, loadCatalog } from '../../catalog/index.ts';
import {
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';

const portalOrigin = 'http://127.0.0.1:4321';
const apisDir = join(import.meta.dirname, 'fixtures', 'headers', 'apis');
/** What every answer from the API path carries, so a browser never renders it as active content. */
const contentPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

let mock: RunningMockServer;
let sandbox: GatewaySandbox;
let key: string;

before(async () => {
  const result = await loadCatalog({ apisDir, audience: 'internal' });
  assert.equal(result.failed, false, result.problems.map(formatProblem).join('\n'));
  mock = await startFixtureMockServer(result.catalog);
  sandbox = await startGatewaySandbox({
    catalog: result.catalog,
    upstreamUrl: mock.url,
    options: { corsOrigins: [portalOrigin] },
  });
  ({ key } = await sandbox.issueKey({ application: 'En-têtes', api: 'entetes' }));
});
after(async () => {
  await sandbox.close();
  await mock.close();
});

/** GETs a path of the API with the key, as the portal's console would; redirections not followed. */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(sandbox.baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { hostname, port, path: `/entetes/v1${path}`, headers: { 'x-api-key': key, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The names among `names` the answer carries: none of them may reach the browser. */
function carried(headers: IncomingHttpHeaders, names: readonly string[]): string[] {
  return names.filter((name) => headers[name] !== undefined);
}

/** The answer is the mock server's (its status), inert, and carries none of `names`. */
function assertWithheld(
  answer: { status: number; headers: IncomingHttpHeaders },
  status: number,
  names: readonly string[],
): void {
  assert.equal(answer.status, status);
  assert.deepEqual(carried(answer.headers, names), []);
  assert.equal(answer.headers['x-content-type-options'], 'nosniff');
  assert.equal(answer.headers['content-security-policy'], contentPolicy);
}

describe('the gateway passes on no header of a document that acts beyond the answer', () => {
  test('Location to another host, Refresh and Content-Location on a 302', async () => {
    assertWithheld(await get('/redirection'), 302, ['location', 'refresh', 'content-location']);
  });

  test('Location written /\\host (a browser reads the backslash as a slash)', async () => {
    assertWithheld(await get('/barre-oblique'), 302, ['location']);
  });

  test('Location written //host (scheme-relative)', async () => {
    assertWithheld(await get('/sans-schema'), 302, ['location']);
  });

  test('Set-Cookie (cookies ignore the port: it would reach the portal too)', async () => {
    assertWithheld(await get('/cookie'), 200, ['set-cookie']);
  });

  test('Access-Control-Allow-Origin: * and -Credentials: true, without an Origin', async () => {
    assertWithheld(await get('/cors'), 200, [
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'access-control-expose-headers',
      'timing-allow-origin',
    ]);
  });

  test("the same from the portal's origin: only the gateway's own CORS headers", async () => {
    const answer = await get('/cors', { origin: portalOrigin });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['access-control-allow-origin'], portalOrigin);
    assert.equal(answer.headers['access-control-allow-credentials'], undefined);
    assert.doesNotMatch(String(answer.headers['access-control-expose-headers']), /\*/);
    assert.equal(answer.headers['timing-allow-origin'], undefined);
  });

  test('Clear-Site-Data: "*" (would wipe the storage of the whole origin)', async () => {
    assertWithheld(await get('/effacement'), 200, ['clear-site-data']);
  });

  test('WWW-Authenticate: Basic (a password prompt in the sandbox’s name)', async () => {
    assertWithheld(await get('/defi'), 401, ['www-authenticate']);
  });

  test('Link rel=preload, SourceMap and Speculation-Rules to another host', async () => {
    assertWithheld(await get('/prechargement'), 200, ['link', 'sourcemap', 'speculation-rules']);
  });

  test('Alt-Svc, HSTS, NEL, Report-To, Reporting-Endpoints, CSP, X-Content-Type-Options…', async () => {
    const answer = await get('/etat');
    assertWithheld(answer, 200, [
      'alt-svc',
      'strict-transport-security',
      'nel',
      'report-to',
      'reporting-endpoints',
      'content-security-policy-report-only',
      'service-worker-allowed',
    ]);
  });

  test('a text/html answer with a script is sent inert (nosniff, CSP sandbox)', async () => {
    const answer = await get('/page');
    assertWithheld(answer, 200, []);
    assert.match(String(answer.headers['content-type']), /^text\/html/);
  });

  test('an image/svg+xml answer with an onload is sent inert', async () => {
    assertWithheld(await get('/image'), 200, []);
  });
});

describe('the gateway passes on what a partner needs of the same headers', () => {
  test('a Location and a Content-Location in the same sandbox, as written', async () => {
    const answer = await get('/ici');
    assertWithheld(answer, 303, []);
    assert.equal(answer.headers.location, '/entetes/v1/cookie');
    assert.equal(answer.headers['content-location'], 'cookie');
  });

  test('a Link to the next page of the same sandbox', async () => {
    const answer = await get('/pages');
    assertWithheld(answer, 200, []);
    assert.equal(answer.headers.link, '</entetes/v1/pages?page=2>; rel="next"');
  });

  test('a Bearer challenge (RFC 6750), which no browser prompts for', async () => {
    const answer = await get('/jeton');
    assertWithheld(answer, 401, []);
    assert.equal(answer.headers['www-authenticate'], 'Bearer realm="entetes"');
  });
});
