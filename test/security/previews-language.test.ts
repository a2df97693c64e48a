/**
 * Hostile `Accept-Language` headers sent to the real previews server: its index, its 404 page
 * and its own refusals pick their language from this header, so each must still answer within
 * bounds, in French or English, never a crash or a 5xx.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startPreviewsFixture, type PreviewsFixture } from './helpers/previews-fixture.ts';
import { sendRawRequest, type RawAnswer } from './helpers/send-raw-request.ts';

let previews: PreviewsFixture;

before(async () => {
  previews = await startPreviewsFixture(['main']);
});
after(async () => {
  await previews.close();
});

function get(target: string, acceptLanguage: string): Promise<RawAnswer> {
  return sendRawRequest(previews.port, `GET ${target} HTTP/1.1`, {
    'accept-language': acceptLanguage,
  });
}

/** An answer in one of the sandbox's languages, saying so; returns the language. */
function assertLanguage(answer: RawAnswer, status: number): string {
  assert.equal(answer.status, status, answer.body);
  const language = answer.headers['content-language'] ?? '';
  assert.ok(language === 'fr' || language === 'en', `Content-Language: ${language}`);
  assert.match(answer.headers.vary ?? '', /Accept-Language/);
  return language;
}

const hostile: [name: string, header: string, expected: string][] = [
  ['a header of 12 KB', `${'x-'.repeat(6_000)}en`, 'fr'],
  ['thousands of ranges', `en;q=0.5,${'zz,'.repeat(3_000)}`, 'en'],
  ['thousands of ranges before the one it speaks', `${'zz,'.repeat(3_000)}en;q=0.5`, 'fr'],
  ['odd weights', 'en;q=1e400, fr;q=NaN, de;q=-1', 'en'],
  ['a range named like an object key', '__proto__, constructor', 'fr'],
];

describe('the previews server answers its own pages whatever Accept-Language says', () => {
  for (const [name, header, expected] of hostile) {
    test(`the index, with ${name}`, async () => {
      const answer = await get('/', header);
      assert.equal(assertLanguage(answer, 200), expected);
      assert.match(answer.body, new RegExp(`<html lang="${expected}">`));
    });
  }

  test('the 404 page, with a malformed header', async () => {
    const answer = await get('/no-such-preview/', ';;q=,=, -');
    assert.equal(assertLanguage(answer, 404), 'fr');
    assert.match(answer.body, /Aucune prévisualisation ici/);
  });

  test('a refusal of its own, with thousands of ranges', async () => {
    const answer = await get('/main/_sandbox/%2e%2e/x', `en-GB,${'zz;q=0.1,'.repeat(1_000)}`);
    assert.equal(answer.headers['content-type'], 'application/problem+json');
    assert.ok(answer.status >= 400 && answer.status < 500, answer.body);
    assert.equal(assertLanguage(answer, answer.status), 'en');
    JSON.parse(answer.body);
  });
});
