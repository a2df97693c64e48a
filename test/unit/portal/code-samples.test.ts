import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadCatalog, type Catalog } from '../../../catalog/index.ts';
import { en } from '../../../site/i18n/en.ts';
import { toCodeSamples } from '../../../site/lib/reference/code-samples.ts';
import {
  createReferenceContext,
  type ReferenceContext,
} from '../../../site/lib/reference/reference-context.ts';
import { toRequestDraft } from '../../../site/lib/reference/request-draft.ts';
import { fillSample } from '../../../site/scripts/code-samples.ts';
import { toRequestUrl } from '../../../site/scripts/har-request.ts';
import { toBasicAuthorization, toCredentialNeeds } from '../../../catalog/sandbox-credentials.ts';
import { placeholders, toCredentialFields } from '../../../site/scripts/sandbox-credentials.ts';

describe('request samples', () => {
  let catalog: Catalog;
  const contextOf = (apiId: string, sandboxUrl = 'http://127.0.0.1:8000'): ReferenceContext => {
    const api = catalog.apis.find((entry) => entry.id === apiId);
    const version = api?.versions.find((entry) => entry.id === api.currentVersionId);
    assert.ok(api && version, apiId);
    return createReferenceContext({
      base: '/',
      api,
      version,
      lang: undefined,
      onVersionPage: true,
      sandboxUrl,
      schemaLabels: en.schemaTree,
    });
  };
  const entryOf = (context: ReferenceContext, anchor: string) => {
    const entry = context.plan.groups
      .flatMap((group) => group.entries)
      .find((item) => item.operation.anchor === anchor);
    assert.ok(entry, anchor);
    return entry;
  };
  before(async () => {
    catalog = (await loadCatalog({ apisDir: 'test/e2e/fixtures/apis', audience: 'internal' }))
      .catalog;
  });

  test('credentials go where the operation’s security puts them, placeholders until issued', () => {
    const needsOf = (apiId: string, anchor: string) => {
      const context = contextOf(apiId);
      return toCredentialNeeds(context.version, entryOf(context, anchor).operation);
    };
    assert.deepEqual(needsOf('tax-declarations', 'post-declarations'), [
      { kind: 'token', scopes: ['declarations:ecriture'] },
    ]);
    assert.deepEqual(toCredentialFields({}, needsOf('tax-declarations', 'post-declarations')), {
      headers: [['Authorization', `Bearer ${placeholders.token}`]],
      query: [],
      cookies: [],
    });
    const client = { clientId: 'cl_1', clientSecret: 's3cret' };
    assert.deepEqual(toCredentialFields({ client }, [{ kind: 'client' }]).headers, [
      ['Authorization', toBasicAuthorization('cl_1', 's3cret')],
    ]);
    assert.deepEqual(
      toCredentialFields({ key: 'gk_abc' }, [
        { kind: 'key', in: 'header', name: 'KeyId' },
        { kind: 'key', in: 'query', name: 'apikey' },
      ]),
      { headers: [['KeyId', 'gk_abc']], query: [['apikey', 'gk_abc']], cookies: [] },
    );
    // A page cannot set a cookie on the sandbox: there the key goes in X-Api-Key instead.
    const cookie = [{ kind: 'key', in: 'cookie', name: 'session' }] as const;
    assert.deepEqual(toCredentialFields({ key: 'gk_abc' }, cookie).cookies, [
      ['session', 'gk_abc'],
    ]);
    assert.deepEqual(toCredentialFields({ key: 'gk_abc' }, cookie, true).headers, [
      ['X-Api-Key', 'gk_abc'],
    ]);
    assert.deepEqual(
      toCredentialFields({ token: 'eyJ' }, [{ kind: 'token', scopes: [] }]).headers,
      [['Authorization', 'Bearer eyJ']],
    );
  });

  test('a body operation: its example as the body, in five languages, to the real sandbox', () => {
    const context = contextOf('tax-declarations');
    const draft = toRequestDraft(
      entryOf(context, 'post-declarations'),
      context,
      context.sandboxBaseUrl,
    );
    assert.equal(toRequestUrl(draft), 'http://127.0.0.1:8000/tax-declarations/v2/declarations');
    const samples = toCodeSamples(draft);
    assert.deepEqual(
      samples.map((sample) => sample.id),
      ['curl', 'javascript', 'python', 'php', 'java'],
    );
    const curl = samples[0]?.code ?? '';
    assert.match(curl, /^curl http:\/\/127\.0\.0\.1:8000\/tax-declarations\/v2\/declarations \\/);
    assert.match(curl, /--request POST/);
    assert.match(curl, /--header 'Authorization: Bearer YOUR_TOKEN'/);
    assert.match(curl, /--header 'Content-Type: application\/json'/);
    assert.match(curl, /"montantTotal": 1250.5/);
    for (const sample of samples) {
      assert.ok(sample.code.includes('YOUR_TOKEN'), `${sample.id} carries the token`);
      assert.ok(sample.code.includes('/tax-declarations/v2/declarations'), sample.id);
    }
  });

  test('path and required query parameters are filled from their examples, encoded', () => {
    const context = contextOf('tax-declarations');
    const list = toRequestDraft(
      entryOf(context, 'get-declarations'),
      context,
      context.sandboxBaseUrl,
    );
    assert.equal(
      toRequestUrl(list),
      'http://127.0.0.1:8000/tax-declarations/v2/declarations?siren=732829320',
    );
    const receipt = toRequestDraft(
      entryOf(context, 'get-declarations-declarationid-accuse-reception'),
      context,
      context.sandboxBaseUrl,
    );
    assert.equal(
      toRequestUrl(receipt),
      'http://127.0.0.1:8000/tax-declarations/v2/declarations/D-2026-0001/accuse-reception',
    );
  });

  test('a copied sample carries the stored credentials, and the page’s origin before a sandbox path', () => {
    const code = "curl '/preview-x/_sandbox/tax/v2/a' \\\n  --header 'X-Api-Key: YOUR_KEY'";
    assert.equal(
      fillSample(code, { key: 'gk_real' }, '/preview-x/_sandbox/tax/v2', 'http://portal.test'),
      "curl 'http://portal.test/preview-x/_sandbox/tax/v2/a' \\\n  --header 'X-Api-Key: gk_real'",
    );
    assert.equal(fillSample(code, {}, 'http://127.0.0.1:8000', 'http://x'), code);
    const basic = `--header 'Authorization: ${toBasicAuthorization('YOUR_CLIENT_ID', 'YOUR_CLIENT_SECRET')}'`;
    assert.equal(
      fillSample(
        basic,
        { client: { clientId: 'cl_1', clientSecret: 's' } },
        'http://x',
        'http://x',
      ),
      `--header 'Authorization: ${toBasicAuthorization('cl_1', 's')}'`,
    );
    assert.equal(
      fillSample(
        "--header 'Authorization: Bearer YOUR_TOKEN'",
        { token: 'eyJ.a.b' },
        'http://x',
        'http://x',
      ),
      "--header 'Authorization: Bearer eyJ.a.b'",
    );
  });
});
