import type { Page } from '@playwright/test';
import { findViolations, wcag21aaTags } from './find-violations.ts';
import { pageKinds } from './page-kinds.ts';
import { expect, test } from './portal-test.ts';

/**
 * Every page kind × language × theme, from the portals the run built once: axe's WCAG 2.1 A and
 * AA rules find nothing at 1280 and at 390 px, and nothing scrolls sideways at 390 and 320 px.
 * One page per case, resized rather than opened again for each width.
 *
 * The neutral theme in French is the ministry's portal (/fr/: its logo, colour, footer links and
 * declared conformity), in English guichet's own build (/: its default identity and colour), so
 * that both identities are checked; the DSFR portal has both languages (/dsfr/, /dsfr/en/).
 * The previews index has its own server: test/e2e-previews/index.spec.ts checks it the same way.
 */
const portals = [
  { theme: 'neutral', lang: 'fr', base: '/fr/' },
  { theme: 'neutral', lang: 'en', base: '/' },
  { theme: 'dsfr', lang: 'fr', base: '/dsfr/' },
  { theme: 'dsfr', lang: 'en', base: '/dsfr/en/' },
] as const;

type Theme = (typeof portals)[number]['theme'];

/** The page kinds checked once more in the dark colours (the system's preference), at 1280 px. */
const darkKinds = new Set(['home', 'catalog', 'API page', 'search', 'accessibility statement']);

/** Opens the page and waits for what its scripts show: search results, the DSFR's components. */
async function open(page: Page, theme: Theme, url: string): Promise<void> {
  await page.goto(url);
  if (url.includes('search/?q='))
    await expect(page.locator('#search-results > li').first()).toBeVisible();
  if (theme === 'dsfr') await expect(page.locator('html')).toHaveAttribute('data-fr-js', 'true');
}

/** What axe finds at the page's current width, each line prefixed with the width. */
async function findAt(page: Page, width: number): Promise<string[]> {
  await page.setViewportSize({ width, height: 900 });
  const found = await findViolations(page, { tags: wcag21aaTags });
  return found.map((violation) => `${String(width)} px: ${violation}`);
}

/** The page's width beyond the screen's at `width`, if it scrolls sideways. */
async function findSidewaysScroll(page: Page, width: number): Promise<string[]> {
  await page.setViewportSize({ width, height: 740 });
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  return scrollWidth > width ? [`${String(width)} px: scrolls to ${String(scrollWidth)} px`] : [];
}

test.describe('every page kind, language and theme', () => {
  // The 404 page reports its own status in the console.
  test.use({ allowedConsoleErrors: [/status of 404/] });

  for (const { theme, lang, base } of portals) {
    for (const { name, path } of pageKinds) {
      test(`${theme} ${lang} ${name}: no axe violation at 1280 and 390 px, no sideways scroll at 390 and 320 px`, async ({
        page,
      }) => {
        // Two axe runs over pages up to the API page's size: far above what they take.
        test.setTimeout(240_000);
        await page.setViewportSize({ width: 1280, height: 900 });
        await open(page, theme, `${base}${path}`);
        const found = [
          ...(await findAt(page, 1280)),
          ...(await findAt(page, 390)),
          ...(await findSidewaysScroll(page, 390)),
          ...(await findSidewaysScroll(page, 320)),
        ];
        expect(found).toEqual([]);
      });
    }

    if (lang !== 'fr') continue;
    for (const { name, path } of pageKinds.filter((kind) => darkKinds.has(kind.name))) {
      test(`${theme} ${lang} ${name} in the dark colours: no axe violation`, async ({ page }) => {
        test.setTimeout(240_000);
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.setViewportSize({ width: 1280, height: 900 });
        await open(page, theme, `${base}${path}`);
        if (theme === 'dsfr')
          await expect(page.locator('html')).toHaveAttribute('data-fr-theme', 'dark');
        expect(await findViolations(page, { tags: wcag21aaTags })).toEqual([]);
      });
    }
  }
});
