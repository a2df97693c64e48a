import { languagePortals, pageKinds } from './page-kinds.ts';
import { expect, test } from './portal-test.ts';

/**
 * A phone-sized screen (375 px) shows every page kind in both languages without sideways
 * scrolling, and the colour theme follows the system until the partner picks one, which the
 * browser keeps.
 */
test.describe('at 375 px', () => {
  test.use({ viewport: { width: 375, height: 740 }, allowedConsoleErrors: [/status of 404/] });

  for (const { lang, base } of languagePortals) {
    for (const { name, path } of pageKinds) {
      test(`the ${lang} ${name} does not scroll sideways`, async ({ page }) => {
        await page.goto(`${base}${path}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(375);
      });
    }
  }
});

/** The page's background, as `rgb(r, g, b)`. */
async function readBackground(page: import('@playwright/test').Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
}

test.describe('the colour theme', () => {
  test('follows a dark system preference', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/fr/');
    expect(await readBackground(page)).toBe('rgb(20, 23, 27)');
  });

  test('is light by default', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/fr/');
    expect(await readBackground(page)).toBe('rgb(255, 255, 255)');
  });

  test('switches to dark with the toggle, and stays dark on the next page', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/fr/');
    const toggle = page.getByRole('button', { name: 'Thème sombre' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await readBackground(page)).toBe('rgb(20, 23, 27)');
    await page.goto('/fr/apis/');
    expect(await readBackground(page)).toBe('rgb(20, 23, 27)');
    await expect(page.getByRole('button', { name: 'Thème sombre' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  test('a light choice wins over a dark system', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.reload();
    expect(await readBackground(page)).toBe('rgb(255, 255, 255)');
  });
});
