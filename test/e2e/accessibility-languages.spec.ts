import { findViolations } from './find-violations.ts';
import { pageKinds } from './page-kinds.ts';
import { expect, test } from './portal-test.ts';

/**
 * Axe finds nothing on every page kind of the French portal (with a ministry's identity: logo,
 * colour, footer links), on the pages the English run did not have yet, and in the dark theme.
 * accessibility.spec.ts walks the English page kinds.
 */
test.use({ allowedConsoleErrors: [/status of 404/] });

async function open(page: import('@playwright/test').Page, path: string): Promise<void> {
  await page.goto(path);
  if (path.includes('search/?q='))
    await expect(page.locator('#search-results > li').first()).toBeVisible();
}

for (const { name, path } of pageKinds) {
  test(`the fr ${name} has no accessibility violation`, async ({ page }) => {
    await open(page, `/fr/${path}`);
    expect(await findViolations(page)).toEqual([]);
  });
}

for (const { name, path } of pageKinds.filter((kind) =>
  ['accessibility statement', '404 page'].includes(kind.name),
)) {
  test(`the en ${name} has no accessibility violation`, async ({ page }) => {
    await open(page, `/${path}`);
    expect(await findViolations(page)).toEqual([]);
  });
}

for (const { name, path } of pageKinds.filter((kind) =>
  ['home', 'catalog', 'API page', 'search', 'accessibility statement'].includes(kind.name),
)) {
  test(`the fr ${name} in the dark theme has no accessibility violation`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(page, `/fr/${path}`);
    expect(await findViolations(page)).toEqual([]);
  });
}
