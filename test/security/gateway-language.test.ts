/**
 * Hostile `Accept-Language` headers sent byte for byte to the real gateway (and through it to the
 * real mock server): the sandbox picks the language of a refusal from this header, so a huge
 * one, thousands of ranges, odd weights, control bytes or names that look like object keys must
 * each still get a valid RFC 9457 problem in one of its languages, within bounds — never a
 * crash, a 5xx or a body that does not parse.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { problemTypeList } from '../../catalog/sandbox-problems.ts';
import {
  loadGatewayFixtureCatalog,
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';
import { sendRawBytes, toRawRequest, type RawBytesAnswer } from './helpers/send-raw-bytes.ts';

let mock: RunningMockServer;
let sandbox: GatewaySandbox;
let port: number;
let mockPort: number;

before(async () => {
  const catalog = await loadGatewayFixtureCatalog();
  mock = await startFixtureMockServer(catalog);
  sandbox = await startGatewaySandbox({ catalog, upstreamUrl: mock.url });
  port = Number(new URL(sandbox.baseUrl).port);
  mockPort = Number(new URL(mock.url).port);
});
after(async () => {
  await sandbox.close();
  await mock.close();
});

/** A refusal of an unknown API, asked in `acceptLanguage` (several header lines if a list). */
function refuse(acceptLanguage: string | readonly string[], to = port): Promise<RawBytesAnswer> {
  const values = typeof acceptLanguage === 'string' ? [acceptLanguage] : acceptLanguage;
  return sendRawBytes(
    to,
    toRawRequest([
      'GET /aucune-api/v1/x HTTP/1.1',
      `Host: 127.0.0.1:${String(to)}`,
      ...values.map((value) => `Accept-Language: ${value}`),
      'Connection: close',
    ]),
  );
}

/**
 * A valid problem of the catalog, under 500, whose title is the catalog's in the language
 * `Content-Language` names; returns that language.
 */
function assertLocalizedProblem(answer: RawBytesAnswer, status = 404): string {
  assert.equal(answer.status, status, answer.body);
  assert.equal(answer.headers['content-type'], 'application/problem+json');
  const language = answer.headers['content-language'] ?? '';
  assert.ok(language === 'fr' || language === 'en', `Content-Language: ${language}`);
  assert.match(answer.headers.vary ?? '', /Accept-Language/);
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  const type = problemTypeList.find((problem) => problem.type === body.type);
  assert.ok(type, String(body.type));
  assert.equal(body.status, status);
  assert.equal(body.title, type.title[language]);
  assert.equal(typeof body.detail, 'string');
  return language;
}

describe('the gateway answers a refusal in a language of its own whatever Accept-Language says', () => {
  test('a header of 15 KB, just under the limit on request headers', async () => {
    const huge = `${'x-'.repeat(7_000)}en`;
    assert.equal(assertLocalizedProblem(await refuse(huge)), 'fr');
  });

  test('a header larger than the limit on request headers', async () => {
    const answer = await refuse('en,'.repeat(30_000));
    assert.equal(answer.status, 431, answer.body);
    assert.equal(answer.headers['content-type'], 'application/problem+json');
    assert.equal(answer.headers['content-language'], 'fr');
  });

  // Ranges past the first 32 are never read: the default, at the cost of 32 ranges at most.
  test('thousands of ranges before the one the sandbox speaks', async () => {
    const ranges = `${Array.from({ length: 3_000 }, (_, index) => `x${String(index % 10)}`).join(',')},en;q=0.1`;
    assert.equal(assertLocalizedProblem(await refuse(ranges)), 'fr');
    assert.equal(assertLocalizedProblem(await refuse(`en;q=0.1,${ranges}`)), 'en');
  });

  test('hundreds of Accept-Language header lines', async () => {
    const lines = Array.from({ length: 300 }, () => 'de;q=0.9');
    assert.equal(assertLocalizedProblem(await refuse([...lines, 'en'])), 'fr');
    assert.equal(assertLocalizedProblem(await refuse(['en;q=0.1', ...lines])), 'en');
  });

  for (const weight of ['q=2', 'q=-1', 'q=NaN', 'q=1e400', 'q=', 'q=0.0001', 'q=0x1', 'q=1;q=0']) {
    test(`an odd weight: en;${weight}`, async () => {
      assertLocalizedProblem(await refuse(`fr;q=0.5, en;${weight}`));
    });
  }

  test('every language refused (*;q=0)', async () => {
    assert.equal(assertLocalizedProblem(await refuse('*;q=0')), 'fr');
  });

  for (const malformed of [',,,,', ';;;', 'en-', '-en', 'en--GB', '=', '"en"', 'en fr', '*-*']) {
    test(`a malformed range: ${malformed}`, async () => {
      assertLocalizedProblem(await refuse(malformed));
    });
  }

  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    test(`a range named like an object's own key: ${key}`, async () => {
      assert.equal(assertLocalizedProblem(await refuse(key)), 'fr');
    });
  }

  test('bytes beyond ASCII in the header', async () => {
    assert.equal(assertLocalizedProblem(await refuse('fré, ĕn, 日本語')), 'fr');
  });

  for (const [name, control] of [
    ['NUL', '\u0000'],
    ['a control character', '\u0001'],
    ['a bare carriage return', '\r'],
    ['DEL', '\u007f'],
  ] as const) {
    test(`${name} inside the header`, async () => {
      const answer = await refuse(`en${control}fr`);
      assert.ok(
        answer.status > 0 && answer.status < 500,
        `${String(answer.status)} ${answer.body}`,
      );
      assert.equal(answer.headers['content-type'], 'application/problem+json');
      if (answer.status === 404) assertLocalizedProblem(answer);
      else JSON.parse(answer.body);
    });
  }

  test('the mock server itself, called directly with a hostile header', async () => {
    const answer = await refuse(`en-GB;q=0.4,${'zz;q=0.3,'.repeat(1_000)}`, mockPort);
    assert.equal(assertLocalizedProblem(answer), 'en');
  });
});
