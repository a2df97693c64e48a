import { ApiPage } from '../e2e/pages/api-page.ts';
import { PortalPage } from '../e2e/pages/portal-page.ts';
import { SearchPage } from '../e2e/pages/search-page.ts';
import { expect, test } from '../e2e/portal-test.ts';
import { featureBranch, publicApi } from './e2e-previews.ts';

test("search finds an operation and lands on its anchor under the preview's base path", async ({
  page,
  requests,
}) => {
  const base = `/${featureBranch.slug}/`;
  const portal = new PortalPage(page, base);
  await page.goto(portal.path('apis/'));
  await portal.searchFromHeader('communes code postal');
  await expect(page).toHaveURL(`${base}search/?q=communes+code+postal`);

  const search = new SearchPage(page, base);
  await expect(search.results.first()).toContainText('Codes postaux');
  // Pagefind's files come from this preview, not from the root or another branch.
  const pagefind = requests.filter((url) => url.includes('/pagefind/'));
  expect(pagefind.length).toBeGreaterThan(0);
  expect(pagefind.every((url) => new URL(url).pathname.startsWith(`${base}pagefind/`))).toBe(true);

  const link = search.sectionLink("Lister les communes d'un code postal");
  await expect(link).toHaveAttribute('href', `${base}apis/${publicApi.id}/#${publicApi.anchor}`);
  await link.click();
  await expect(page).toHaveURL(`${base}apis/${publicApi.id}/#${publicApi.anchor}`);
  await expect(new ApiPage(page, base).operation(publicApi.anchor)).toBeInViewport();
});
