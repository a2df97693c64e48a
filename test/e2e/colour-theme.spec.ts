import { expect, test } from './portal-test.ts';

/**
 * The neutral theme's colours follow the system until the partner picks light or dark, which
 * the browser keeps. Widths are page-matrix.spec.ts's.
 */

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

/** Each colour token of the neutral theme as the page resolves it, by name. */
async function readTokens(page: import('@playwright/test').Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const names = ['--ink', '--muted', '--paper', '--soft', '--line', '--link', '--focus', '--red'];
    const probe = document.createElement('span');
    document.body.append(probe);
    const tokens: Record<string, string> = {};
    for (const name of names) {
      probe.style.color = `var(${name})`;
      tokens[name] = getComputedStyle(probe).color;
    }
    probe.remove();
    return tokens;
  });
}

test('the toggle’s dark and light are the system’s, colour by colour', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const systemDark = await readTokens(page);
  await page.emulateMedia({ colorScheme: 'light' });
  const systemLight = await readTokens(page);
  expect(systemDark['--paper']).toBe('rgb(20, 23, 27)');
  expect(systemLight['--paper']).toBe('rgb(255, 255, 255)');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await toggle.click();
  expect(await readTokens(page)).toEqual(systemDark);
  await page.emulateMedia({ colorScheme: 'dark' });
  await toggle.click();
  expect(await readTokens(page)).toEqual(systemLight);
});
