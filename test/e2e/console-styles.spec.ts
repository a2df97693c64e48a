import type { Page } from '@playwright/test';
import { ReferencePage } from './pages/reference-page.ts';
import { expect, test } from './portal-test.ts';

/**
 * The portal's own styles stop at the console: Scalar's buttons keep Scalar's look (not the
 * portal's border and radius), its labels do not break letter by letter, and it takes the
 * portal's colour theme, light or dark, including when the partner switches it after opening.
 */

/** The buttons of the console that carry the portal's button border and radius. */
async function findPortalLookingButtons(page: Page): Promise<string[]> {
  return page.locator('#console button').evaluateAll((buttons) =>
    buttons
      .filter((button) => {
        const style = getComputedStyle(button);
        return style.borderTopStyle === 'solid' && style.borderTopLeftRadius === '6px';
      })
      .map((button) => button.textContent.trim().slice(0, 40)),
  );
}

/** How many lines the text of the element takes on screen. */
async function countLines(page: Page, text: RegExp): Promise<number> {
  const label = page.locator('#console').getByText(text).first();
  await expect(label).toBeVisible();
  return label.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = [...range.getClientRects()].map((rect) => Math.round(rect.top));
    return new Set(tops).size;
  });
}

for (const { name, base, open } of [
  { name: 'neutral', base: '/', open: 'Open the interactive console' },
  { name: 'DSFR', base: '/dsfr/', open: 'Ouvrir la console interactive' },
]) {
  test(`the ${name} portal's styles do not reach into the console`, async ({ page }) => {
    const reference = new ReferencePage(page, base);
    await reference.goto('tax-declarations', 'v2', { open: false });
    await page.getByRole('button', { name: open }).click();
    await expect(page.locator('#console .scalar-app').first()).toBeVisible();
    await expect(page.locator('#console button').first()).toBeVisible();
    expect(await findPortalLookingButtons(page)).toEqual([]);
    expect(await countLines(page, /^Auth(entication|entification)? (required|requise)$/i)).toBe(1);
  });
}

/** Whether Scalar shows its dark mode (it marks the body). */
async function isConsoleDark(page: Page): Promise<boolean> {
  return page.evaluate(() => document.body.classList.contains('dark-mode'));
}

test('the console follows the neutral theme’s dark mode, and its toggle', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const reference = new ReferencePage(page);
  await reference.goto('tax-declarations', 'v2');
  await expect(page.locator('#console .scalar-app').first()).toBeVisible();
  await expect.poll(() => isConsoleDark(page)).toBe(true);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect.poll(() => isConsoleDark(page)).toBe(false);
});

test('the console follows the DSFR display settings', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const reference = new ReferencePage(page, '/dsfr/');
  await reference.goto('tax-declarations', 'v2', { open: false });
  await page.getByRole('button', { name: 'Ouvrir la console interactive' }).click();
  await expect(page.locator('#console .scalar-app').first()).toBeVisible();
  await expect.poll(() => isConsoleDark(page)).toBe(false);
  await page.getByRole('button', { name: 'Paramètres d’affichage' }).first().click();
  await page.getByText('Thème sombre').click();
  await expect.poll(() => isConsoleDark(page)).toBe(true);
});
