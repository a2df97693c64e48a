/**
 * Answers whose headers a hostile document sets, through the real previews server, a preview's
 * real gateway and mock server: every preview shares the previews server's origin, so a header
 * acting beyond the answer (Clear-Site-Data wiping every preview's storage, a cookie, a
 * redirection) reaches all of them. References of the sandbox's own stay in that preview's
 * sandbox.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { startPreviewsFixture, type PreviewsFixture } from './helpers/previews-fixture.ts';

const apisDir = join(import.meta.dirname, 'fixtures', 'headers', 'apis');
const contentPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

let previews: PreviewsFixture;
let origin: string;
let key: string;

before(async () => {
  previews = await startPreviewsFixture(['main', 'feature-x'], apisDir);
  origin = `http://127.0.0.1:${String(previews.port)}`;
  // A reviewer's trial key, asked for through the preview's own sandbox.
  const response = await fetch(`${origin}/feature-x/_sandbox/_guichet/trial-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      application: 'Relecture',
      email: 'relecture@example.org',
      api: 'entetes',
      acceptTerms: true,
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  ({ key } = (await response.json()) as { key: string });
  // The preview's mock server prepares the document after it starts, answering its documented
  // 503 api-starting meanwhile: wait for that state rather than race it on a loaded machine.
  for (;;) {
    const probe = await call('/entetes/v1/effacement');
    if (probe.status !== 503) break;
    assert.ok(probe.headers.has('retry-after'), 'a 503 while preparing says when to retry');
    await sleep(200);
  }
});
after(async () => {
  await previews.close();
});

/** Calls the API of the preview of feature-x, with the key, as the preview's console would. */
async function call(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(`${origin}/feature-x/_sandbox${path}`, {
    headers: { 'x-api-key': key, ...headers },
    redirect: 'manual',
  });
  await response.arrayBuffer();
  return response;
}

/** The names among `names` the answer carries, and whether it is inert. */
function assertWithheld(response: Response, status: number, names: readonly string[]): void {
  assert.equal(response.status, status);
  assert.deepEqual(
    names.filter((name) => response.headers.has(name)),
    [],
  );
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('content-security-policy'), contentPolicy);
}

describe('the previews server passes on no header that acts beyond the answer', () => {
  test('Clear-Site-Data: "*" (would wipe every preview’s storage and cookies)', async () => {
    assertWithheld(await call('/entetes/v1/effacement'), 200, ['clear-site-data']);
  });

  test('Set-Cookie on the previews’ origin', async () => {
    assertWithheld(await call('/entetes/v1/cookie'), 200, ['set-cookie']);
  });

  test('Location to another host and Refresh', async () => {
    assertWithheld(await call('/entetes/v1/redirection'), 302, [
      'location',
      'refresh',
      'content-location',
    ]);
  });

  test('CORS open to every origin, with credentials', async () => {
    assertWithheld(await call('/entetes/v1/cors'), 200, [
      'access-control-allow-origin',
      'access-control-allow-credentials',
    ]);
  });

  test('WWW-Authenticate: Basic and a Link preloading another host', async () => {
    assertWithheld(await call('/entetes/v1/defi'), 401, ['www-authenticate']);
    assertWithheld(await call('/entetes/v1/prechargement'), 200, ['link']);
  });

  test('a text/html answer with a script, on the previews’ origin', async () => {
    assertWithheld(await call('/entetes/v1/page'), 200, []);
  });

  test('the gateway’s own refusal is inert too', async () => {
    const response = await fetch(`${origin}/feature-x/_sandbox/entetes/v1/cookie`);
    await response.arrayBuffer();
    assertWithheld(response, 401, ['set-cookie']);
    // Its challenge names a scheme no browser prompts for: it stays.
    assert.equal(response.headers.get('www-authenticate'), 'X-Api-Key realm="guichet-sandbox"');
  });
});

describe('references of the sandbox’s own stay in the preview’s sandbox', () => {
  test('a Location and a Content-Location of the sandbox lead into /<slug>/_sandbox', async () => {
    const response = await call('/entetes/v1/ici');
    assertWithheld(response, 303, []);
    assert.equal(response.headers.get('location'), '/feature-x/_sandbox/entetes/v1/cookie');
    assert.equal(response.headers.get('content-location'), '/feature-x/_sandbox/entetes/v1/cookie');
  });

  test('a Link to the next page leads into /<slug>/_sandbox', async () => {
    const response = await call('/entetes/v1/pages');
    assertWithheld(response, 200, []);
    assert.equal(
      response.headers.get('link'),
      '</feature-x/_sandbox/entetes/v1/pages?page=2>; rel="next"',
    );
  });

  test('the gateway’s redirection to the preview’s problem page stays', async () => {
    const response = await call('/problems/missing-key');
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), `${origin}/feature-x/problems/missing-key/`);
  });
});
