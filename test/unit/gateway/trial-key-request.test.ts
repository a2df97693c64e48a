import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTrialKeyRequest } from '../../../gateway-stub/self-service/trial-key-request.ts';

describe('trial key requests', () => {
  it('accepts the portal form', () => {
    const result = parseTrialKeyRequest({
      application: '  Mon appli ',
      email: 'dev@example.org',
      api: 'colis',
      acceptTerms: true,
    });
    assert.deepEqual(result, {
      ok: true,
      request: {
        application: 'Mon appli',
        email: 'dev@example.org',
        api: 'colis',
        acceptTerms: true,
      },
    });
  });

  it('lists every invalid field with a pointer and a sentence in each language', () => {
    const result = parseTrialKeyRequest({
      application: 'x',
      email: 'nope',
      api: 'Colis!',
      acceptTerms: false,
      extra: 1,
    });
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, [
      {
        pointer: '#/application',
        detail: { en: 'must have at least 2 characters', fr: 'doit avoir au moins 2 caractères' },
      },
      {
        pointer: '#/email',
        detail: {
          en: 'must be an email address such as dev@example.org',
          fr: 'doit être une adresse électronique comme dev@example.org',
        },
      },
      {
        pointer: '#/api',
        detail: {
          en: 'must be an API id such as tax-filing',
          fr: 'doit être un identifiant d’API comme tax-filing',
        },
      },
      {
        pointer: '#/acceptTerms',
        detail: {
          en: 'must be true: accept the terms of use to get a key',
          fr: 'doit valoir true : acceptez les conditions d’utilisation pour obtenir une clé',
        },
      },
      {
        pointer: '#/extra',
        detail: { en: 'is not a known field', fr: 'n’est pas un champ connu' },
      },
    ]);
  });

  it('says which fields are missing', () => {
    const result = parseTrialKeyRequest({ email: 'dev@example.org' });
    assert.deepEqual(
      !result.ok && result.errors.map((error) => `${error.pointer} ${error.detail.fr}`),
      [
        '#/application est obligatoire',
        '#/api est obligatoire',
        '#/acceptTerms doit valoir true : acceptez les conditions d’utilisation pour obtenir une clé',
      ],
    );
  });
});
