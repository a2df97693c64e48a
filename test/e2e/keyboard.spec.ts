import type { Locator, Page } from '@playwright/test';
import { ApiPage } from './pages/api-page.ts';
import { ReferencePage } from './pages/reference-page.ts';
import { TrialKeyForm } from './pages/trial-key-form.ts';
import { expect, test } from './portal-test.ts';

/**
 * A partner with a keyboard only, in both themes (the English interfaces, whose words the page
 * objects read): search and land on an operation; get a trial key; copy the curl command; send a
 * request from the console. Every control is reached with Tab and used with Enter or Space,
 * never clicked; page addresses are typed only where a partner would follow a link anyway.
 */
const portals = [
  { theme: 'neutral', base: '/' },
  { theme: 'dsfr', base: '/dsfr/en/' },
] as const;

/**
 * Presses Tab (Shift+Tab when `backwards`) until `target` has the focus, as a partner would;
 * fails if it never does.
 */
async function tabTo(
  page: Page,
  target: Locator,
  options: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  const max = options.max ?? 400;
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  await expect(target).toHaveCount(1);
  for (let presses = 0; presses < max; presses += 1) {
    await page.keyboard.press(key);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${String(target)} never took the focus in ${String(max)} presses of ${key}`);
}

for (const { theme, base } of portals) {
  test.describe(`by keyboard only, in the ${theme} theme`, () => {
    test('a partner searches from the header and lands on the operation', async ({ page }) => {
      // Two pages and Pagefind's search, a Tab at a time: far above what they take.
      test.setTimeout(240_000);
      await page.goto(base);
      await tabTo(page, page.getByRole('banner').getByRole('searchbox'));
      await page.keyboard.type('accusé de réception');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/search\/\?q=accus/);
      const link = page
        .locator('#search-results li li')
        .getByRole('link', { name: "Télécharger l'accusé de réception" });
      await expect(page.locator('#search-results[aria-busy="false"]')).toBeAttached({
        timeout: 120_000,
      });
      await tabTo(page, link);
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(
        `${base}apis/tax-declarations/#get-declarations-declarationid-accuse-reception`,
      );
      await expect(
        new ApiPage(page, base).operation('get-declarations-declarationid-accuse-reception'),
      ).toBeInViewport();
    });

    test('a partner gets a trial key, copies the curl command and sends a console request', async ({
      page,
    }) => {
      // Four journeys through long pages, a Tab at a time: far above what they take.
      test.setTimeout(240_000);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      const api = new ApiPage(page, base);
      await api.goto('tax-declarations');

      // The sidebar leads to the sandbox section; Tab goes on from there.
      await tabTo(page, api.sidebar.getByRole('link', { name: 'Sandbox and trial key' }));
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/#sandbox$/);
      const trial = new TrialKeyForm(page, base);
      await tabTo(page, trial.application);
      await page.keyboard.type('Keyboard only');
      await tabTo(page, trial.email);
      await page.keyboard.type('keyboard@example.org');
      await tabTo(page, trial.terms);
      await page.keyboard.press('Space');
      await expect(trial.terms).toBeChecked();
      await tabTo(page, trial.form.getByRole('button', { name: 'Get a trial key' }));
      await page.keyboard.press('Enter');
      await expect(trial.result).toBeVisible();
      const key = await trial.key.innerText();
      expect(key).toMatch(/^gk_/);

      // The operation, from the sidebar, then its curl sample's Copy button.
      // Back up from the key shown, past the operations, into the sidebar.
      await tabTo(page, api.sidebar.locator('a[data-nav-anchor="get-declarations"]'), {
        backwards: true,
        max: 1000,
      });
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/#get-declarations$/);
      await page.evaluate(() => navigator.clipboard.writeText(''));
      await tabTo(
        page,
        api
          .operationBlock('get-declarations')
          .getByRole('button', { name: 'Copy the curl sample' }),
      );
      await page.keyboard.press('Enter');
      const readClipboard = (): Promise<string> =>
        page.evaluate(() => navigator.clipboard.readText());
      await expect.poll(readClipboard).toContain('curl ');
      expect(await readClipboard()).toMatch(/Authorization: Bearer eyJ/);

      // The console, opened and used from the keyboard.
      await tabTo(page, api.sidebar.getByRole('link', { name: 'Interactive console' }), {
        backwards: true,
      });
      await page.keyboard.press('Enter');
      const reference = new ReferencePage(page, base);
      await expect(reference.openButton).toBeVisible();
      await tabTo(page, reference.openButton);
      await page.keyboard.press('Enter');
      const testRequest = reference.console
        .getByRole('button', { name: /Test Request.*get \/declarations/ })
        .first();
      // Scalar's bundle (780 KB) loads and renders first: a budget far above what it takes.
      await expect(testRequest).toBeVisible({ timeout: 120_000 });
      await tabTo(page, testRequest);
      await page.keyboard.press('Enter');
      await expect(reference.client).toBeVisible();
      // Scalar's client sends the request open in it on its own shortcut (Ctrl+Enter): Tab goes
      // through its address bar's fields, which hold the focus.
      await page.keyboard.press('Control+Enter');
      await expect(reference.client).toContainText('200 OK');
    });
  });
}
