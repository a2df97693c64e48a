import type { Page } from '@playwright/test';
import { ReferencePage } from './pages/reference-page.ts';
import { expect, test } from './portal-test.ts';

/**
 * The portal's own styles stop at the console: Scalar's buttons keep Scalar's look (not the
 * portal's border and radius), its labels do not break letter by letter, and it takes the
 * portal's colour theme, light or dark, including when the partner switches it after opening.
 */

/**
 * The console's elements that carry a portal look: buttons drawn like a button the portal's own
 * styles draw (a probe added to the page outside the console), links with the DSFR's drawn
 * underline.
 */
async function findPortalLookingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const probe = document.createElement('button');
    document.querySelector('main')?.prepend(probe);
    const look = (style: CSSStyleDeclaration): string[] => [
      `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`,
      style.borderTopLeftRadius,
      style.backgroundColor,
    ];
    const [border, radius, background] = look(getComputedStyle(probe));
    const bordered = getComputedStyle(probe).borderTopStyle !== 'none';
    probe.remove();
    const leaks: string[] = [];
    for (const element of document.querySelectorAll('.scalar-app button, .scalar-app a[href]')) {
      const style = getComputedStyle(element);
      const [ownBorder, ownRadius, ownBackground] = look(style);
      const leaked =
        element.tagName === 'A'
          ? style.backgroundImage.includes('gradient')
          : ownRadius === radius &&
            (bordered ? ownBorder === border : ownBackground === background);
      if (leaked) leaks.push(`${element.tagName} ${element.textContent.trim().slice(0, 40)}`);
    }
    return leaks;
  });
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
    expect(await findPortalLookingElements(page)).toEqual([]);
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
