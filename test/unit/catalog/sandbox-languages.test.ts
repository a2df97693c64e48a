import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseLanguage, toLanguageHeaders } from '../../../catalog/sandbox-languages.ts';
import { toAsciiText } from '../../../gateway-stub/oauth/oauth-errors.ts';

describe('the language of a refusal', () => {
  const cases: [header: string | string[] | undefined, fallback: 'fr' | 'en', chosen: string][] = [
    [undefined, 'fr', 'fr'],
    [undefined, 'en', 'en'],
    ['', 'fr', 'fr'],
    ['en', 'fr', 'en'],
    ['EN-gb', 'fr', 'en'],
    ['fr-CA, en;q=0.9', 'en', 'fr'],
    ['de, it;q=0.8', 'en', 'en'],
    ['*', 'en', 'en'],
    ['*', 'fr', 'fr'],
    ['en;q=0, *;q=0.5', 'en', 'fr'],
    ['fr;q=0.2, en;q=0.3', 'fr', 'en'],
    [['de', 'en;q=0.5'], 'fr', 'en'],
    ['%%%, ;q=1', 'fr', 'fr'],
    [`${'de,'.repeat(31)}en`, 'fr', 'en'],
    [`${'de,'.repeat(32)}en`, 'fr', 'fr'],
  ];
  for (const [header, fallback, chosen] of cases) {
    test(`${JSON.stringify(header)} with ${fallback} by default gives ${chosen}`, () => {
      assert.equal(chooseLanguage(header, fallback), chosen);
    });
  }

  test('adds Accept-Language to a Vary already set', () => {
    assert.deepEqual(toLanguageHeaders('fr'), {
      'content-language': 'fr',
      vary: 'Accept-Language',
    });
    assert.equal(toLanguageHeaders('en', 'Origin').vary, 'Origin, Accept-Language');
    assert.equal(
      toLanguageHeaders('en', ['Origin', 'Accept']).vary,
      'Origin, Accept, Accept-Language',
    );
  });

  test('writes an OAuth error description in ASCII, French letters without their accents', () => {
    assert.equal(
      toAsciiText('L’identifiant « client » est révoqué\\ "'),
      "L'identifiant  client  est revoque ",
    );
  });
});
