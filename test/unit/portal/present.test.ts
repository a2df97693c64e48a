import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectLanguage } from '../../../site/lib/detect-language.ts';
import { toCount, toReadableDate, toReadableNumber } from '../../../site/lib/present.ts';

describe('presentation helpers', () => {
  test('tell French from English API content', () => {
    assert.equal(
      detectLanguage("Déposer et suivre les déclarations fiscales d'une entreprise."),
      'fr',
    );
    assert.equal(
      detectLanguage('Look up companies registered in the registry, by number or by name.'),
      'en',
    );
    assert.equal(detectLanguage('API'), undefined);
    assert.equal(detectLanguage(''), undefined);
  });

  test('write dates and numbers the English way', () => {
    assert.equal(toReadableDate('2026-12-31'), '31 December 2026');
    assert.equal(toReadableDate('soon'), 'soon');
    assert.equal(toReadableNumber(5000), '5,000');
    assert.equal(toCount(1, 'operation'), '1 operation');
    assert.equal(toCount(1200, 'API'), '1,200 APIs');
  });
});
