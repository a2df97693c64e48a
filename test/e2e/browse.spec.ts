import { e2eSandbox } from './e2e-portals.ts';
import { ApiPage } from './pages/api-page.ts';
import { CatalogPage } from './pages/catalog-page.ts';
import { PortalPage } from './pages/portal-page.ts';
import { expect, test } from './portal-test.ts';

test('a partner goes from the home page to an operation of an API', async ({ page }) => {
  await page.goto('/');
  const home = new PortalPage(page);
  await expect(home.heading).toHaveText('APIs of the administration, ready to try');
  await expect(page.getByRole('list', { name: 'Catalog figures' })).toContainText('4 APIs');

  await page.getByRole('link', { name: 'Browse all APIs' }).click();
  const catalog = new CatalogPage(page);
  await expect(catalog.heading).toHaveText('API catalog');
  expect(await catalog.visibleTitles()).toEqual([
    'Appointments in service centres',
    'Company registry lookup',
    'Déclarations fiscales des entreprises',
    'Grant applications',
  ]);

  await catalog.toggleTag('entreprises');
  expect(await catalog.visibleTitles()).toEqual([
    'Déclarations fiscales des entreprises',
    'Grant applications',
  ]);
  await catalog.toggleLifecycle('Beta');
  expect(await catalog.visibleTitles()).toEqual(['Grant applications']);
  await expect(catalog.count).toHaveText('1 of 4 APIs match');
  await expect(page).toHaveURL(/\/apis\/\?tag=entreprises&lifecycle=beta$/);

  // The state lives in the URL: a reload (or a shared link) shows the same selection.
  await page.reload();
  expect(await catalog.visibleTitles()).toEqual(['Grant applications']);
  await expect(catalog.filters.getByRole('checkbox', { name: /^entreprises \(/ })).toBeChecked();

  await catalog.toggleLifecycle('Beta');
  await catalog.openApi('Déclarations fiscales des entreprises');
  const api = new ApiPage(page);
  await expect(page).toHaveURL(/\/apis\/tax-declarations\/$/);
  await expect(api.heading).toHaveText('Déclarations fiscales des entreprises');
  await expect(api.heading).toHaveAttribute('lang', 'fr');
  expect(await api.operationAnchors()).toEqual([
    'get-declarations',
    'post-declarations',
    'get-declarations-declarationid-accuse-reception',
    'get-taux-tva',
  ]);
  await expect(api.operation('post-declarations')).toHaveText('Déposer une déclaration');
  await expect(api.sandbox).toContainText(`${e2eSandbox.url}/tax-declarations/v2`);
  await expect(api.sandbox.locator('[data-plan="free"]')).toHaveText('50');
  await expect(api.versions.getByRole('row')).toHaveCount(3);

  await page.goto('/apis/tax-declarations/#get-taux-tva');
  await expect(api.operation('get-taux-tva')).toBeInViewport();
});

test('a deprecated version warns with its sunset date and points to the current one', async ({
  page,
}) => {
  const api = new ApiPage(page);
  await api.goto('tax-declarations', 'v1');
  await expect(api.heading).toContainText('version 1.4.0');
  await expect(api.deprecationWarning).toContainText(
    'This version is deprecated since 15 January 2026 and stops answering on 31 December 2026.',
  );
  await api.deprecationWarning.getByRole('link', { name: 'version v2' }).click();
  await expect(page).toHaveURL(/\/apis\/tax-declarations\/$/);
});

test('webhooks are listed apart from operations', async ({ page }) => {
  const api = new ApiPage(page);
  await api.goto('grant-notifications');
  await expect(api.operationAnchors()).resolves.toEqual(['post-applications']);
  const webhooks = page.getByRole('region', { name: 'Webhooks' });
  await expect(webhooks.locator('#webhook-post-applicationstatuschanged')).toHaveText(
    'Application status changed',
  );
});

test('a guide renders from the API page', async ({ page }) => {
  const api = new ApiPage(page);
  await api.goto('tax-declarations');
  await page.getByRole('link', { name: 'Démarrage rapide' }).click();
  await expect(page).toHaveURL(/\/apis\/tax-declarations\/guides\/demarrage-rapide\/$/);
  await expect(api.heading).toHaveText('Démarrage rapide');
  await expect(page.getByRole('heading', { name: 'Obtenir une clé' })).toBeVisible();
  await expect(page.locator('pre code')).toContainText('X-Api-Key');
});

test('documents download as bundled JSON and as the original files, layout kept', async ({
  request,
}) => {
  const bundled = await request.get('/apis/appointments/v1/openapi.json');
  expect(bundled.ok()).toBe(true);
  const document = (await bundled.json()) as { paths: Record<string, unknown> };
  expect(Object.keys(document.paths)).toEqual(['/slots']);

  const entry = await request.get('/apis/appointments/v1/source/openapi.yaml');
  expect(await entry.text()).toContain("$ref: './paths/slots.yaml'");
  // The relative $refs of the original files resolve against the portal's URLs.
  const part = await request.get('/apis/appointments/v1/source/paths/slots.yaml');
  expect(await part.text()).toContain("$ref: '../schemas/slot.yaml'");
  const schema = await request.get('/apis/appointments/v1/source/schemas/slot.yaml');
  expect(schema.ok()).toBe(true);
});

test('catalog.json lists every version for other tools', async ({ request }) => {
  const response = await request.get('/catalog.json');
  const json = (await response.json()) as {
    versions: { id: string; version: string; sandboxUrl: string; referenceUrl: string }[];
  };
  expect(json.versions.map((entry) => `${entry.id}/${entry.version}`)).toContain(
    'tax-declarations/v1',
  );
  const grant = json.versions.find((entry) => entry.id === 'grant-notifications');
  expect(grant?.sandboxUrl).toBe(`${e2eSandbox.url}/grant-notifications/v0`);
  expect(grant?.referenceUrl).toBe('/apis/grant-notifications/v0/reference/');
});

test.describe('unknown pages', () => {
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test('get a useful 404 page', async ({ page }) => {
    const response = await page.goto('/apis/no-such-api/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
    await expect(page.getByRole('link', { name: 'API catalog' }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Company registry lookup' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search the portal' }).fill('companies');
    await page.getByRole('main').getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/search\/\?q=companies$/);
  });
});
