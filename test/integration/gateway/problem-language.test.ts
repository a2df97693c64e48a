import assert from 'node:assert/strict';
import { request, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startRealMockServer, type RealMockServer } from './helpers/start-real-mock-server.ts';
import { issueKey, startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

/**
 * The sandbox answers a refusal's `title` and `detail` in the caller's language (RFC 9110
 * §12.5.4 `Accept-Language`, falling back to the portal's default), says which with
 * `Content-Language` and `Vary: Accept-Language`, and keeps `type`, `status` and the extension
 * members whatever the language. Real gateway, real Prism, real sockets; `node:http` rather than
 * `fetch`, which would add an `Accept-Language: *` of its own.
 */

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** Sends one request with `headers` exactly as given (no header added) and reads the problem. */
function send(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: JSON.parse(text) as Record<string, unknown>,
        });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const english = { title: 'Subscription key required', detail: /X-Api-Key/ };
const french = { title: 'Clé d’abonnement requise', detail: /Envoyez votre clé/ };

/** The same refusal under every `Accept-Language` the issue names, and the language expected. */
const cases: { name: string; header: string | undefined; language: 'en' | 'fr' }[] = [
  { name: 'en', header: 'en', language: 'en' },
  { name: 'a region of English (en-GB) matching en', header: 'en-GB', language: 'en' },
  { name: 'fr-FR,fr;q=0.9', header: 'fr-FR,fr;q=0.9', language: 'fr' },
  { name: 'a language the sandbox lacks (de)', header: 'de', language: 'fr' },
  { name: 'de first, then en with a lower weight', header: 'de, en;q=0.5', language: 'en' },
  { name: 'English weighed above French', header: 'fr;q=0.4, en;q=0.8', language: 'en' },
  { name: 'no header', header: undefined, language: 'fr' },
  { name: 'any language (*)', header: '*', language: 'fr' },
  { name: 'a malformed header', header: ';;q=,=, -', language: 'fr' },
  { name: 'English refused (q=0)', header: 'en;q=0', language: 'fr' },
];

describe('problems in the caller’s language', () => {
  let mock: RealMockServer;
  let test: TestGateway;
  let englishGateway: TestGateway;
  let key: string;

  before(async () => {
    mock = await startRealMockServer();
    test = await startTestGateway(mock.url);
    englishGateway = await startTestGateway(mock.url, { defaultLanguage: 'en' });
    ({ key } = await issueKey(test));
  });
  after(async () => {
    await englishGateway.close();
    await test.close();
    await mock.close();
  });

  for (const { name, header, language } of cases) {
    it(`answers ${language} for ${name}`, async () => {
      const answer = await send(
        test.baseUrl,
        '/colis/v2/parcels/AB1234',
        header === undefined ? {} : { 'accept-language': header },
      );
      expectMissingKey(answer, language);
    });
  }

  it('falls back to the default language set for the sandbox', async () => {
    expectMissingKey(await send(englishGateway.baseUrl, '/colis/v2/parcels/AB1234'), 'en');
    expectMissingKey(
      await send(englishGateway.baseUrl, '/colis/v2/parcels/AB1234', { 'accept-language': 'de' }),
      'en',
    );
    expectMissingKey(
      await send(englishGateway.baseUrl, '/colis/v2/parcels/AB1234', { 'accept-language': 'fr' }),
      'fr',
    );
  });

  it('keeps type, status and extension members whatever the language', async () => {
    const [fr, en] = await Promise.all(
      ['fr', 'en'].map((language) =>
        send(
          test.baseUrl,
          '/colis/v2/parcels',
          {
            'x-api-key': key,
            'content-type': 'application/json',
            'accept-language': language,
          },
          'POST',
          '{}',
        ),
      ),
    );
    assert.ok(fr && en);
    assert.equal(fr.status, 422);
    assert.equal(en.status, 422);
    assert.equal(fr.body.type, en.body.type);
    assert.equal(fr.headers['content-language'], 'fr');
    assert.equal(en.headers['content-language'], 'en');
    assert.notEqual(fr.body.title, en.body.title);
    // The mock server's own members (what Prism found) are data, never translated.
    assert.deepEqual(fr.body.violations, en.body.violations);
  });

  it('answers the mock server’s own refusals in the caller’s language too', async () => {
    const en = await send(test.baseUrl, '/colis/v2/nowhere', {
      'x-api-key': key,
      'accept-language': 'en-US',
    });
    const fr = await send(test.baseUrl, '/colis/v2/nowhere', { 'x-api-key': key });
    assert.equal(en.status, 404);
    assert.equal(fr.status, 404);
    assert.equal(en.body.type, '/problems/unknown-operation');
    assert.equal(fr.body.type, '/problems/unknown-operation');
    assert.equal(en.body.title, 'No such operation');
    assert.equal(fr.body.title, 'Aucune opération à cette adresse');
    assert.match(String(fr.body.detail), /ne correspond à aucune opération/);
    assert.equal(en.headers['content-language'], 'en');
    assert.equal(fr.headers['content-language'], 'fr');
    assert.match(String(fr.headers.vary), /Accept-Language/);
  });

  it('keeps the OAuth error codes and describes them in the caller’s language', async () => {
    const refused = (language: string): Promise<Answer> =>
      send(
        test.baseUrl,
        '/oauth/token',
        { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': language },
        'POST',
        'grant_type=password',
      );
    const [en, fr] = await Promise.all([refused('en'), refused('fr')]);
    // No client credentials: RFC 6749's invalid_client, whatever the language.
    assert.equal(en.status, 401);
    assert.equal(fr.status, 401);
    assert.equal(en.body.error, 'invalid_client');
    assert.equal(fr.body.error, 'invalid_client');
    assert.match(String(fr.body.error_description), /^Authentifiez le client/);
    assert.equal(en.body.type, fr.body.type);
    assert.notEqual(en.body.error_description, fr.body.error_description);
    // RFC 6749 §5.2: the description stays in printable ASCII without `"` or `\`, French too.
    assert.match(String(fr.body.error_description), /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/);
    assert.equal(fr.headers['content-language'], 'fr');
  });

  it('sends no Content-Language on answers that are not refusals', async () => {
    const answer = await send(test.baseUrl, '/colis/v2/parcels/AB1234', {
      'x-api-key': key,
      'accept-language': 'en',
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-language'], undefined);
  });
});

function expectMissingKey(answer: Answer, language: 'en' | 'fr'): void {
  const expected = language === 'en' ? english : french;
  assert.equal(answer.status, 401);
  assert.equal(answer.headers['content-type'], 'application/problem+json');
  assert.equal(answer.body.type, '/problems/missing-key');
  assert.equal(answer.body.status, 401);
  assert.equal(answer.body.title, expected.title);
  assert.match(String(answer.body.detail), expected.detail);
  assert.equal(answer.headers['content-language'], language);
  assert.match(String(answer.headers.vary), /(^|, *)Accept-Language(,|$)/);
  // The challenge does not change with the language.
  assert.equal(answer.headers['www-authenticate'], 'X-Api-Key realm="guichet-sandbox"');
}
