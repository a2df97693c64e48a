import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectLanguage } from '../../../site/lib/detect-language.ts';
import {
  toCount,
  toOperationsLabel,
  toReadableDate,
  toReadableNumber,
} from '../../../site/lib/present.ts';

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

  test('a webhook-only API counts its webhooks, not "0 operations"', () => {
    const operation = { kind: 'operation' } as const;
    const webhook = { kind: 'webhook' } as const;
    assert.equal(toOperationsLabel([webhook, webhook]), '2 webhooks');
    assert.equal(toOperationsLabel([operation, webhook]), '1 operation and 1 webhook');
    assert.equal(toOperationsLabel([operation, operation]), '2 operations');
    assert.equal(toOperationsLabel([]), '0 operations');
  });
});
