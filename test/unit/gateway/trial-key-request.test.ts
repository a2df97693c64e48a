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

  it('lists every invalid field with a pointer and a sentence', () => {
    const result = parseTrialKeyRequest({
      application: 'x',
      email: 'nope',
      api: 'Colis!',
      acceptTerms: false,
      extra: 1,
    });
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, [
      { pointer: '#/application', detail: 'must have at least 2 characters' },
      { pointer: '#/email', detail: 'must be an email address such as dev@example.org' },
      { pointer: '#/api', detail: 'must be an API id such as tax-filing' },
      { pointer: '#/acceptTerms', detail: 'must be true: accept the terms of use to get a key' },
      { pointer: '#/extra', detail: 'is not a known field' },
    ]);
  });

  it('says which fields are missing', () => {
    const result = parseTrialKeyRequest({ email: 'dev@example.org' });
    assert.deepEqual(
      !result.ok && result.errors.map((error) => `${error.pointer} ${error.detail}`),
      [
        '#/application is required',
        '#/api is required',
        '#/acceptTerms must be true: accept the terms of use to get a key',
      ],
    );
  });
});
