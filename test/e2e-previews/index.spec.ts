import { findViolations, wcag21aaTags } from '../e2e/find-violations.ts';
import { expect, test } from '../e2e/portal-test.ts';
import { PortalPage } from '../e2e/pages/portal-page.ts';
import { featureBranch, mainBranch } from './e2e-previews.ts';
import { PreviewsPage } from './pages/previews-page.ts';

test('the index lists every preview with its commit and build time, and leads to it', async ({
  page,
}) => {
  const previews = new PreviewsPage(page);
  await previews.goto();
  await expect(previews.heading).toHaveText('Branch previews');
  for (const branch of [mainBranch, featureBranch]) {
    const row = previews.row(branch.branch);
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('code').first()).toHaveText(/^[0-9a-f]{10}$/);
    await expect(row.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    await expect(row).toContainText(`/${branch.slug}/_sandbox/`);
  }

  await previews
    .row(featureBranch.branch)
    .getByRole('link', { name: featureBranch.branch })
    .click();
  await expect(page).toHaveURL(`/${featureBranch.slug}/`);
  await expect(new PortalPage(page, `/${featureBranch.slug}/`).heading).toBeVisible();
});

test.describe('a path that is no preview', () => {
  // Chromium reports the 404 status of the page in the console.
  test.use({ allowedConsoleErrors: [/404/] });

  test('gets a 404 page leading back to the index', async ({ page }) => {
    const response = await page.goto('/no-such-branch/apis/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No such preview');
    await page.getByRole('link', { name: 'Every preview' }).click();
    await expect(page).toHaveURL('/');
  });
});

test.describe('a missing page inside a preview', () => {
  // The portal's 404 page reports its own status in the console.
  test.use({ allowedConsoleErrors: [/404/] });

  test("gets that branch's own 404 page", async ({ page }) => {
    const response = await page.goto(`/${mainBranch.slug}/apis/nothing-here/`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('banner')).toBeVisible();
    const home = page.getByRole('banner').getByRole('link').first();
    await expect(home).toHaveAttribute('href', new RegExp(`^/${mainBranch.slug}/`));
  });
});

test("a problem's relative type, resolved at the previews server's root, leads to its page", async ({
  page,
}) => {
  await page.goto('/problems/quota-exceeded');
  await expect(page).toHaveURL(
    new RegExp(
      `^/(?:${mainBranch.slug}|${featureBranch.slug})/problems/quota-exceeded/$`.replace(
        '^',
        '^http://[^/]+',
      ),
    ),
  );
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Quota exceeded');
});

// The page matrix of the portals (test/e2e/page-matrix.spec.ts) for the previews server's own
// pages, which have no theme: the index and its 404, in each language a browser may ask for.
for (const lang of ['fr', 'en'] as const) {
  test.describe(`in ${lang}`, () => {
    // The language is asked as a browser asks it, by the context's locale: with an extra
    // accept-language header alone, the fr cases were answered in English in CI.
    test.use({ locale: lang, allowedConsoleErrors: [/404/] });

    for (const { name, path } of [
      { name: 'index', path: '/' },
      { name: '404 page', path: '/no-such-branch/' },
    ]) {
      test(`the previews ${name}: no axe violation at 1280 and 390 px, no sideways scroll at 390 and 320 px`, async ({
        page,
      }) => {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        const found: string[] = [];
        for (const width of [1280, 390, 320]) {
          await page.setViewportSize({ width, height: 900 });
          if (width !== 320)
            for (const violation of await findViolations(page, { tags: wcag21aaTags }))
              found.push(`${String(width)} px: ${violation}`);
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width !== 1280 && scrollWidth > width)
            found.push(`${String(width)} px: scrolls to ${String(scrollWidth)} px`);
        }
        expect(found).toEqual([]);
      });
    }
  });
}
