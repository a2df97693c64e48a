import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCatalog } from '../../../catalog/index.ts';
import { parsePortalSettings } from '../../../config/portal-settings.ts';
import { planSandbox } from '../../../scripts/lib/portal/plan-sandbox.ts';
import { toCatalogJson } from '../../../site/lib/catalog-json.ts';
import { toSandboxUrl } from '../../../site/lib/urls.ts';
import { toSettingsErrorLines } from '../../helpers/settings-error-lines.ts';

describe('a sandbox on the portal’s own origin (branch previews)', () => {
  test('is accepted as a path, trailing slashes dropped', () => {
    const settings = parsePortalSettings({
      base: '/feature-x/',
      sandboxUrl: '/feature-x/_sandbox/',
    });
    assert.equal(settings.sandboxUrl, '/feature-x/_sandbox');
  });

  test('refuses paths a URL could not carry as they are, and other hosts written as //', () => {
    assert.deepEqual(
      toSettingsErrorLines(() => parsePortalSettings({ sandboxUrl: '/a b/_sandbox' })),
      [
        'GUICHET_SANDBOX_URL — a path must be made of letters, digits, ".", "_", "~", "-" and "/", without "." or ".." segments',
      ],
    );
    assert.equal(
      toSettingsErrorLines(() => parsePortalSettings({ sandboxUrl: '/x/../y' })).length,
      1,
    );
    assert.deepEqual(
      toSettingsErrorLines(() => parsePortalSettings({ sandboxUrl: '//evil.example/x' })),
      ['GUICHET_SANDBOX_URL — Invalid URL'],
    );
    assert.equal(toSettingsErrorLines(() => parsePortalSettings({ sandboxUrl: '/' })).length, 1);
  });

  test('gives each version a path on the same origin', () => {
    assert.equal(toSandboxUrl('/feature-x/_sandbox', 'tax', 'v2'), '/feature-x/_sandbox/tax/v2');
  });

  test('appears in catalog.json as a path, like the portal’s own URLs', async () => {
    const { catalog } = await loadCatalog({
      apisDir: 'test/e2e/fixtures/apis',
      audience: 'internal',
    });
    const json = toCatalogJson(catalog, '/feature-x/', '/feature-x/_sandbox');
    assert.ok(json.versions.length > 0);
    for (const version of json.versions) {
      assert.equal(version.sandboxUrl, `/feature-x/_sandbox/${version.id}/${version.version}`);
    }
  });

  test('is not started by npm start, which serves no sandbox on the portal’s origin', () => {
    assert.deepEqual(planSandbox('/feature-x/_sandbox', true), {
      start: false,
      reason:
        'not started here: the portal calls /feature-x/_sandbox on its own origin, as `npm run previews` serves it',
    });
  });
});
