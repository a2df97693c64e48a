import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadCatalog, type Catalog } from '../../../catalog/index.ts';
import { toCodeSamples } from '../../../site/lib/reference/code-samples.ts';
import {
  createReferenceContext,
  type ReferenceContext,
} from '../../../site/lib/reference/reference-context.ts';
import { toRequestDraft } from '../../../site/lib/reference/request-draft.ts';
import { fillSample } from '../../../site/scripts/code-samples.ts';
import { toRequestUrl } from '../../../site/scripts/har-request.ts';
import { keyPlaceholder, toCredentialFields } from '../../../site/scripts/sandbox-credentials.ts';

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

  test('credentials: the stored key in X-Api-Key, the placeholder until one is issued', () => {
    assert.deepEqual(toCredentialFields({}, []), {
      headers: [['X-Api-Key', keyPlaceholder]],
      query: [],
    });
    const oauth = [{ schemes: [{ name: 'oauth', scopes: ['read'] }] }];
    assert.deepEqual(toCredentialFields({ apiKey: 'gk_abc' }, oauth).headers, [
      ['X-Api-Key', 'gk_abc'],
    ]);
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
    assert.match(curl, /--header 'X-Api-Key: YOUR_KEY'/);
    assert.match(curl, /--header 'Content-Type: application\/json'/);
    assert.match(curl, /"montantTotal": 1250.5/);
    for (const sample of samples) {
      assert.ok(sample.code.includes('YOUR_KEY'), `${sample.id} carries the key`);
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

  test('a copied sample carries the stored key, and the page’s origin before a sandbox path', () => {
    const code = "curl '/preview-x/_sandbox/tax/v2/a' \\\n  --header 'X-Api-Key: YOUR_KEY'";
    assert.equal(
      fillSample(code, 'gk_real', '/preview-x/_sandbox/tax/v2', 'http://portal.test'),
      "curl 'http://portal.test/preview-x/_sandbox/tax/v2/a' \\\n  --header 'X-Api-Key: gk_real'",
    );
    assert.equal(fillSample(code, undefined, 'http://127.0.0.1:8000', 'http://x'), code);
  });
});
