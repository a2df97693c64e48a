import type { Page } from '@playwright/test';
import { ApiPage } from './pages/api-page.ts';
import { ReferencePage } from './pages/reference-page.ts';
import { expect, test } from './portal-test.ts';

/**
 * Descriptions come from pull requests: the fixture's carries a script, event handlers and a
 * `javascript:` link that would each set `window.__guichetInjected`. Neither the portal's own
 * pages nor the Scalar console may let any of them run.
 */
async function expectNothingRan(page: Page): Promise<void> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Hover what an attacker would hope a reader hovers, then look for any trace.
  const bold = page.getByText('Amounts').first();
  if (await bold.isVisible()) await bold.hover();
  expect(
    await page.evaluate(() => (window as { __guichetInjected?: string }).__guichetInjected),
  ).toBeUndefined();
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  expect(await page.locator('[onerror], [onmouseover], [onclick]').count()).toBe(0);
  expect(dialogs).toEqual([]);
}

test('the API page renders a hostile description as harmless text', async ({ page }) => {
  const api = new ApiPage(page);
  await api.goto('grant-notifications');
  await expect(page.getByText('Grant rules')).toBeVisible();
  await expectNothingRan(page);
});

test('the Scalar console renders the same description without running it', async ({ page }) => {
  const reference = new ReferencePage(page);
  await reference.goto('grant-notifications', 'v0');
  await expect(reference.console.getByText('Grant rules').first()).toBeVisible();
  await expect(reference.console.getByText('Amounts').first()).toBeVisible();
  await expectNothingRan(page);
});
