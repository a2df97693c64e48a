import { e2eOrigin, e2eSandbox } from './e2e-portals.ts';
import { ReferencePage } from './pages/reference-page.ts';
import { expect, test } from './portal-test.ts';

test('the console renders the document, with the sandbox as its server', async ({
  page,
  requests,
}) => {
  const reference = new ReferencePage(page);
  await reference.goto('tax-declarations', 'v2');
  await expect(reference.heading).toContainText('Déclarations fiscales des entreprises');
  await expect(
    reference.console.getByRole('heading', { name: 'Lister les déclarations' }),
  ).toBeVisible();
  await expect(reference.console).toContainText(`${e2eSandbox.url}/tax-declarations/v2`);
  // Without a key, the partner is told where to get one.
  await expect(reference.missingKeyNotice).toBeVisible();
  await expect(
    reference.missingKeyNotice.getByRole('link', { name: 'Get a trial key' }),
  ).toHaveAttribute('href', '/apis/tax-declarations/#sandbox');
  // The console loads the sanitised document made for it, not the download.
  expect(requests).toContain(`${e2eOrigin}/apis/tax-declarations/v2/console.json`);
  expect(requests.some((url) => url.includes('/_scalar/standalone.esm.js'))).toBe(true);
});

test('Scalar loads only when the partner opens the console', async ({ page, requests }) => {
  const reference = new ReferencePage(page);
  await reference.goto('tax-declarations', 'v2', { open: false });
  const open = reference.openButton;
  await expect(open).toBeVisible();
  await expect(reference.console).toContainText('list of operations');
  expect(requests.filter((url) => url.includes('/_scalar/'))).toEqual([]);
  // By keyboard, as any button.
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(
    reference.console.getByRole('heading', { name: 'Déposer une déclaration' }),
  ).toBeVisible();
  expect(requests.some((url) => url.includes('/_scalar/standalone.esm.js'))).toBe(true);
});

test('the console sends the stored key in X-Api-Key to the sandbox', async ({ page }) => {
  const reference = new ReferencePage(page);
  await reference.storeKeys({ 'tax-declarations': 'gk_e2eTrialKey0001' });
  // Stand in for the sandbox at the network edge, to read what the browser sends it.
  const sent: { url: string; key: string | undefined }[] = [];
  await page.route(`${e2eSandbox.url}/**`, async (route) => {
    sent.push({ url: route.request().url(), key: route.request().headers()['x-api-key'] });
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: '[]',
    });
  });
  await reference.goto('tax-declarations', 'v2');
  await expect(reference.keyNotice).toBeVisible();
  await expect(reference.keyNotice).toContainText('gk_e2eT…');
  await expect(reference.missingKeyNotice).toBeHidden();

  await reference.console.getByRole('button', { name: /Test Request.*get \/declarations/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Send/ }).first().click();
  await expect.poll(() => sent.length).toBeGreaterThan(0);
  expect(sent[0]).toEqual({
    url: `${e2eSandbox.url}/tax-declarations/v2/declarations?siren=732829320`,
    key: 'gk_e2eTrialKey0001',
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the reference page still leads to the operation list', async ({ page }) => {
    const reference = new ReferencePage(page);
    await reference.goto('tax-declarations', 'v1', { open: false });
    await expect(reference.openButton).toBeHidden();
    const link = reference.console.getByRole('link', { name: 'list of operations' }).first();
    await expect(link).toHaveAttribute('href', '/apis/tax-declarations/v1/#operations');
    await link.click();
    await expect(page.getByRole('heading', { name: 'Operations', level: 2 })).toBeVisible();
  });
});
