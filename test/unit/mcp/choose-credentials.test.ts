import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OperationCredentials } from '../../../catalog/sandbox-credentials.ts';
import { chooseCredentials } from '../../../mcp/credentials/choose-credentials.ts';

const context = {
  schemes: [],
  sandboxUrl: 'http://127.0.0.1:8000',
  operation: 'GET /ou',
  language: 'en' as const,
};
const keyOrToken: OperationCredentials = {
  anonymous: false,
  alternatives: [
    [{ scheme: 'cle', declared: undefined, need: { kind: 'key', in: 'header', name: 'KeyId' } }],
    [{ scheme: 'jeton', declared: undefined, need: { kind: 'token', scopes: ['lecture'] } }],
  ],
};

describe('call_sandbox picks the alternative the credentials passed can meet', () => {
  test('the first one met, in document order; credentials it does not take are not sent', () => {
    const byKey = chooseCredentials(keyOrToken, { apiKey: 'gk_1', bearerToken: 't' }, context);
    assert.deepEqual(byKey.ok && byKey, {
      ok: true,
      needs: [{ kind: 'key', in: 'header', name: 'KeyId' }],
      unused: ['bearerToken'],
    });
    const byClient = chooseCredentials(keyOrToken, { clientId: 'gc', clientSecret: 'gs' }, context);
    assert.deepEqual(byClient.ok && byClient.needs, [{ kind: 'token', scopes: ['lecture'] }]);
  });

  test('a key in a header no client can set goes in X-Api-Key', () => {
    const host: OperationCredentials = {
      anonymous: false,
      alternatives: [
        [{ scheme: 'h', declared: undefined, need: { kind: 'key', in: 'header', name: 'Host' } }],
      ],
    };
    const chosen = chooseCredentials(host, { apiKey: 'gk_1' }, context);
    assert.deepEqual(chosen.ok && chosen.needs, [{ kind: 'key', in: 'header', name: 'X-Api-Key' }]);
  });

  test('an optional security takes none, but credentials that fit nothing are refused', () => {
    const optional = { ...keyOrToken, anonymous: true };
    assert.deepEqual(chooseCredentials(optional, {}, context), { ok: true, needs: [], unused: [] });
    const wrong = chooseCredentials(optional, { username: 'u', password: 'p' }, context);
    if (wrong.ok) assert.fail('credentials that fit no alternative are refused');
    assert.deepEqual(wrong.problem.structuredContent?.type, '/problems/missing-credentials');
  });
});
