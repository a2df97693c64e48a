import type { APIRequestContext, Page } from '@playwright/test';
import { dsfrPortal, frenchPortal } from './e2e-portals.ts';
import { pageKinds } from './page-kinds.ts';
import { expect, test } from './portal-test.ts';

/**
 * Portals built in both languages (portal.yaml `languages: [fr, en]`): the French interface at
 * the base, the English one under `en/`, in the neutral theme (the ministry's portal under
 * /fr/) and in the DSFR (under /dsfr/). Every page kind exists in both, says its language,
 * links to itself in the other one, and the language switcher keeps the page.
 */
const portals = [
  { theme: 'neutral', base: frenchPortal.base },
  { theme: 'dsfr', base: dsfrPortal.base },
] as const;
const languages = [
  { lang: 'fr', prefix: '' },
  { lang: 'en', prefix: 'en/' },
] as const;

/** The page's own path, without its query: what its alternates point to. */
function toPagePath(path: string): string {
  return path.replace(/\?.*$/, '');
}

async function readHtml(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(url);
  return response.text();
}

/** `<link rel="alternate" hreflang>` of a page, as `{ hreflang: href }`. */
function readAlternates(html: string): Record<string, string> {
  const alternates: Record<string, string> = {};
  for (const [link] of html.matchAll(/<link\b[^>]*\bhreflang="[^"]*"[^>]*>/g)) {
    const hreflang = /hreflang="([^"]*)"/.exec(link)?.[1];
    const href = /href="([^"]*)"/.exec(link)?.[1];
    if (hreflang && href && /rel="alternate"/.test(link)) alternates[hreflang] = href;
  }
  return alternates;
}

for (const { theme, base } of portals) {
  test.describe(`the ${theme} portal in French and English`, () => {
    test.use({ allowedConsoleErrors: [/status of 404/] });

    test('every page kind exists in both languages, says which, and links to the other', async ({
      request,
    }) => {
      const wrong: string[] = [];
      for (const { name, path } of pageKinds) {
        for (const { lang, prefix } of languages) {
          const url = `${base}${prefix}${path}`;
          const response = await request.get(url);
          const html = await response.text();
          const expectedStatus = name === '404 page' ? 404 : 200;
          if (response.status() !== expectedStatus)
            wrong.push(`${url}: status ${String(response.status())}`);
          const htmlLang = /<html\b[^>]*\blang="([^"]*)"/.exec(html)?.[1];
          if (htmlLang !== lang) wrong.push(`${url}: <html lang="${String(htmlLang)}">`);
          // An unknown address has no page to switch to: its alternates are the homes.
          const page = name === '404 page' ? '' : toPagePath(path);
          const expected = {
            fr: `${base}${page}`,
            en: `${base}en/${page}`,
            'x-default': `${base}${page}`,
          };
          const alternates = readAlternates(html);
          if (JSON.stringify(alternates) !== JSON.stringify(expected))
            wrong.push(`${url}: alternates ${JSON.stringify(alternates)}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    test('the English interface keeps French content marked as French, with English dates', async ({
      request,
    }) => {
      const english = await readHtml(request, `${base}en/apis/tax-declarations/`);
      expect(english).toMatch(/<h1[^>]*\blang="fr"[^>]*>/);
      expect(english).toContain('31 December 2026');
      const french = await readHtml(request, `${base}apis/tax-declarations/`);
      expect(french).toContain('31 décembre 2026');
    });

    test('the switcher keeps the page, its version and its anchor', async ({ page }) => {
      await page.goto(`${base}apis/tax-declarations/v1/#sandbox`);
      await switchLanguage(page, theme, 'English');
      await expect(page).toHaveURL(`${base}en/apis/tax-declarations/v1/#sandbox`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await switchLanguage(page, theme, 'Français');
      await expect(page).toHaveURL(`${base}apis/tax-declarations/v1/#sandbox`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await page.goto(`${base}en/apis/tax-declarations/guides/demarrage-rapide/`);
      await switchLanguage(page, theme, 'Français');
      await expect(page).toHaveURL(`${base}apis/tax-declarations/guides/demarrage-rapide/`);
    });

    test("each language's search finds that language's pages only", async ({ page }) => {
      for (const { lang, prefix } of languages) {
        await page.goto(`${base}${prefix}search/?q=declarations`);
        const links = page.locator('#search-results > li a');
        await expect(links.first()).toBeVisible();
        const hrefs = await links.evaluateAll((anchors) =>
          anchors.map((anchor) => new URL((anchor as HTMLAnchorElement).href).pathname),
        );
        const english = hrefs.filter((href) => href.startsWith(`${base}en/`));
        expect(english.length, `${lang} results ${hrefs.join(', ')}`).toBe(
          lang === 'en' ? hrefs.length : 0,
        );
      }
    });
  });
}

/** Picks a language in the header, as a partner would: the DSFR's selector opens first. */
async function switchLanguage(page: Page, theme: 'neutral' | 'dsfr', name: string): Promise<void> {
  const header = page.locator('header').first();
  if (theme === 'dsfr') {
    const menu = header.locator('.fr-translate__btn').first();
    // Below the DSFR's large breakpoint the header's tools live in its menu.
    if (!(await menu.isVisible())) await header.getByRole('button', { name: /Menu/ }).click();
    await page.locator('.fr-translate__btn:visible').first().click();
  }
  await page.locator('header [hreflang]:visible', { hasText: name }).first().click();
}
