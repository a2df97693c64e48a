import { describeVersion, loadCatalog, type Catalog } from '../../catalog/index.ts';
import { fixtureApisDir, internalPortal } from './e2e-portals.ts';
import { ApiPage } from './pages/api-page.ts';
import { CatalogPage } from './pages/catalog-page.ts';
import { expect, test } from './portal-test.ts';

/**
 * The reference as static pages: every operation's parameters and responses are there without
 * JavaScript, large APIs get one page per tag, and the sidebar leads everywhere.
 */
let catalog: Catalog;
test.beforeAll(async () => {
  catalog = (await loadCatalog({ apisDir: fixtureApisDir, audience: 'public' })).catalog;
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every operation of every sample API shows its parameters and responses', async ({
    page,
  }) => {
    const api = new ApiPage(page);
    for (const entry of catalog.apis) {
      const version = entry.versions.find((item) => item.id === entry.currentVersionId);
      if (!version) throw new Error(`${entry.id}: no current version`);
      await api.goto(entry.id);
      const reference = describeVersion(version);
      for (const details of reference.operations) {
        const block = api.operationBlock(details.anchor);
        await expect(block, `${entry.id} ${details.anchor}`).toBeVisible();
        for (const parameter of details.parameters) {
          await expect(
            block.locator(`[data-parameter="${parameter.name}"]`),
            `${details.anchor}: parameter ${parameter.name}`,
          ).toContainText(`in ${parameter.in}`);
        }
        for (const response of details.responses) {
          await expect(
            block.locator(`.response[data-status="${response.status}"]`),
            `${details.anchor}: response ${response.status}`,
          ).toBeVisible();
        }
      }
    }
  });

  test('a request body shows its fields as a tree, required ones marked, with its example', async ({
    page,
  }) => {
    const api = new ApiPage(page);
    await api.goto('tax-declarations');
    const body = api.operationBlock('post-declarations').locator('.media-type').first();
    await expect(body.locator('.schema-property').first()).toHaveText(/siren\s+string\s+required/);
    await expect(body.locator('pre.example')).toContainText('"montantTotal": 1250.5');
  });

  test('a large API gets one page per tag, cut in parts a phone loads fast, reached from its sidebar', async ({
    page,
  }) => {
    const api = new ApiPage(page, internalPortal.base);
    await api.goto('collectivites');
    // Each of its operations carries 60 KB of schema: two make a part of the tag.
    const firstPart = api.sidebar.getByRole('link', { name: /^Départements \(1 of 8\)/ });
    await firstPart.click();
    await expect(page).toHaveURL(/\/internal\/apis\/collectivites\/v1\/tags\/departements\/$/);
    await expect(api.heading).toContainText('Départements (1 of 8)');
    await expect(page.locator('h2#tag-departements')).toHaveText('Départements');
    await expect(page.locator('.operation')).toHaveCount(2);
    await expect(firstPart).toHaveAttribute('aria-current', 'page');
    await expect(
      api.sidebar.getByRole('link', { name: /^Départements \(8 of 8\)/ }),
    ).toHaveAttribute('href', '/internal/apis/collectivites/v1/tags/departements-8/');
    const first = api.operationBlock('get-departements-code-fiche-1');
    await expect(first.locator('[data-parameter="code"]')).toContainText('in path');
    await expect(first.locator('.media-type .schema-tree li')).toHaveCount(30);
    // The sandbox, the console and the guides are one click away from every page.
    await expect(api.sidebar.getByRole('link', { name: 'Sandbox and trial key' })).toHaveAttribute(
      'href',
      '/internal/apis/collectivites/#sandbox',
    );
    await expect(api.sidebar.getByRole('link', { name: 'Interactive console' })).toHaveAttribute(
      'href',
      '/internal/apis/collectivites/v1/reference/',
    );
  });
});

test('the sidebar marks the operation being read', async ({ page }) => {
  const api = new ApiPage(page);
  await page.goto('/apis/tax-declarations/#get-taux-tva');
  await expect(api.sidebar.getByRole('link', { name: /Lister les taux de TVA/ })).toHaveAttribute(
    'aria-current',
    'location',
  );
});

test('an API card counts webhooks apart from operations', async ({ page }) => {
  const catalogPage = new CatalogPage(page);
  await catalogPage.goto();
  await expect(catalogPage.cards.filter({ hasText: 'Grant applications' })).toContainText(
    '1 operation and 1 webhook',
  );
});

for (const viewport of [
  { name: 'a laptop', width: 1280, height: 800 },
  { name: 'a phone', width: 412, height: 823 },
]) {
  test(`the sandbox, console and guides are reached from the first screen on ${viewport.name}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const api = new ApiPage(page);
    await api.goto('tax-declarations');
    for (const name of [/sandbox/i, /console/i, /guide/i]) {
      await expect(api.sidebar.getByRole('link', { name }).first()).toBeInViewport();
    }
  });
}
