import { ApiPage } from './pages/api-page.ts';
import { PortalPage } from './pages/portal-page.ts';
import { SearchPage } from './pages/search-page.ts';
import { expect, test } from './portal-test.ts';

test('the header search finds an operation by its summary and lands on its anchor', async ({
  page,
  requests,
}) => {
  const isPagefind = (url: string): boolean => url.includes('/pagefind/');
  await page.goto('/apis/');
  // Search JavaScript loads on the search page only.
  expect(requests.filter(isPagefind)).toEqual([]);
  await new PortalPage(page).searchFromHeader('accusé de réception');
  await expect(page).toHaveURL(/\/search\/\?q=accus/);
  const search = new SearchPage(page);
  await expect(search.results.first()).toContainText('Déclarations fiscales des entreprises');
  expect(requests.filter(isPagefind).length).toBeGreaterThan(0);
  await search.sectionLink("Télécharger l'accusé de réception").click();

  await expect(page).toHaveURL(
    /\/apis\/tax-declarations\/#get-declarations-declarationid-accuse-reception$/,
  );
  const api = new ApiPage(page);
  await expect(api.operation('get-declarations-declarationid-accuse-reception')).toBeInViewport();
});

test('the search finds an operation by its path', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto('/companies/{siren}');
  await expect(search.results).toHaveCount(1);
  const link = search.sectionLink('Get a company by its SIREN number');
  await expect(link).toHaveAttribute('href', '/apis/company-registry/#get-companies-siren');
  await link.click();
  await expect(new ApiPage(page).operation('get-companies-siren')).toBeInViewport();
});

test('a one-word path lands on its operations, before pages full of the word, and shows as written', async ({
  page,
}) => {
  const search = new SearchPage(page);
  await search.goto('/declarations');
  await expect(search.settledResults).toBeAttached();
  await expect(search.sectionLinks.first()).toHaveAttribute(
    'href',
    /^\/apis\/tax-declarations\/#(get|post)-declarations$/,
  );
  // The path's search word is for the index: excerpts show the path as the page does.
  await expect(search.results.first()).toContainText('/declarations');
  await expect(page.locator('#search-results')).not.toContainText('apipath');
});

test('parameter and property names and descriptions are searched, and lead to their operation', async ({
  page,
}) => {
  const search = new SearchPage(page);
  for (const [query, anchor] of [
    ['montantTotal', '#post-declarations'],
    ['toutes taxes comprises', '#post-declarations'],
    ['entreprise déclarante', '#get-declarations'],
  ] as const) {
    await search.goto(query);
    await expect(search.settledResults).toBeAttached();
    await expect(search.sectionLinks.first()).toHaveAttribute(
      'href',
      `/apis/tax-declarations/${anchor}`,
    );
  }
});

test('search filters narrow results and stay in the URL', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto('declarations');
  await expect(search.status).toContainText('found');
  await page.getByLabel('Lifecycle').selectOption('deprecated');
  await expect(search.results).toHaveCount(1);
  await expect(search.results.first()).toContainText('Version v1');
  await expect(page).toHaveURL(/lifecycle=deprecated/);
});

test('a search with no match says so', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto('zzzqqq');
  await expect(search.status).toHaveText('No result for “zzzqqq”.');
  await expect(search.results).toHaveCount(0);
});

test('an operation’s exact summary lands first, before a guide that holds the same words', async ({
  page,
}) => {
  const search = new SearchPage(page);
  await search.goto('Déposer une déclaration');
  await expect(search.settledResults).toBeAttached();
  await expect(search.sectionLinks.first()).toHaveAttribute(
    'href',
    '/apis/tax-declarations/#post-declarations',
  );
  await expect(search.results.first()).not.toContainText('Guide');
});

test('the current version comes before the deprecated one, which is labelled', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto('listerDeclarations');
  await expect(search.settledResults).toBeAttached();
  await expect(search.results).toHaveCount(2);
  await expect(search.sectionLinks.first()).toHaveAttribute(
    'href',
    '/apis/tax-declarations/#get-declarations',
  );
  await expect(search.results.nth(1)).toContainText('Version v1 — deprecated');
  await expect(search.results.first()).not.toContainText('deprecated');
});
