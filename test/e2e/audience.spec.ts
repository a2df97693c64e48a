import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { internalPortal, publicPortal, restrictedMarkers } from './e2e-portals.ts';
import { ApiPage } from './pages/api-page.ts';
import { CatalogPage } from './pages/catalog-page.ts';
import { ReferencePage } from './pages/reference-page.ts';
import { SearchPage } from './pages/search-page.ts';
import { expect, test } from './portal-test.ts';

/** Every file of a build whose path or content mentions one of the markers. */
async function findMentions(dir: string, markers: string[]): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    if (markers.some((marker) => path.includes(marker))) found.push(path);
    if (!entry.isFile()) continue;
    // Pagefind's fragments are compressed: its index is checked through the search page instead.
    const content = (await readFile(path)).toString('utf8');
    for (const marker of markers) {
      if (content.includes(marker)) found.push(`${path}: ${marker}`);
    }
  }
  return found;
}

test('a public build holds no trace of a restricted API, an internal build does', async () => {
  expect(await findMentions(publicPortal.outDir, restrictedMarkers)).toEqual([]);
  const internal = await findMentions(internalPortal.outDir, restrictedMarkers);
  expect(internal.some((mention) => mention.endsWith('catalog.json: staff-directory'))).toBe(true);
  expect(internal.some((mention) => mention.includes('/apis/staff-directory/index.html'))).toBe(
    true,
  );
});

test('the public search does not find a restricted API', async ({ page }) => {
  const search = new SearchPage(page);
  await search.goto('matricule');
  await expect(search.status).toHaveText('No result for “matricule”.');
});

test('the internal portal, under its base path, shows and finds the restricted API', async ({
  page,
  requests,
}) => {
  const catalog = new CatalogPage(page, internalPortal.base);
  await catalog.goto('?visibility=partners');
  expect(await catalog.visibleTitles()).toEqual([
    'Annuaire restreint des agents',
    'Référentiel des collectivités',
  ]);
  await expect(catalog.cards.first()).toContainText('Partners only');
  await catalog.openApi('Annuaire restreint des agents');
  await expect(page).toHaveURL(/\/internal\/apis\/staff-directory\/$/);
  const api = new ApiPage(page, internalPortal.base);
  await expect(api.operation('get-agents-habilites-matricule')).toHaveText(
    'Consulter un agent habilité',
  );

  const search = new SearchPage(page, internalPortal.base);
  await search.goto('matricule');
  const link = search.sectionLink('Consulter un agent habilité');
  await expect(link).toHaveAttribute(
    'href',
    '/internal/apis/staff-directory/#get-agents-habilites-matricule',
  );

  const reference = new ReferencePage(page, internalPortal.base);
  await reference.goto('staff-directory', 'v1');
  await expect(
    reference.console.getByRole('heading', { name: 'Consulter un agent habilité' }),
  ).toBeVisible();
  // Every request of the internal portal stayed under its base path.
  const portalRequests = requests.filter((url) => url.startsWith('http://127.0.0.1:4480/'));
  expect(
    portalRequests.filter((url) => !url.startsWith('http://127.0.0.1:4480/internal/')),
  ).toEqual([]);
});
