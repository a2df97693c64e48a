import AxeBuilder from '@axe-core/playwright';
import { e2eSandbox } from './e2e-portals.ts';
import { ApiPage } from './pages/api-page.ts';
import { expect, test } from './portal-test.ts';
import { storeIssuedTrial } from './trial-credentials.ts';

/**
 * The light "try it" of each operation: a form made from the document that sends a real request
 * to the real sandbox with what the operation's security asks of the trial application the
 * browser holds (a token fetched for its client, its key in the header the document names), by
 * keyboard, and shows the answer.
 */
test('"try it" sends the prefilled request to the sandbox and shows the 2xx answer', async ({
  page,
}) => {
  await storeIssuedTrial(page, 'tax-declarations', 'Try it');
  const api = new ApiPage(page);
  await api.goto('tax-declarations');
  const block = api.operationBlock('get-declarations');
  const tryIt = block.locator('[data-try-it]');
  await tryIt.getByText('Try it', { exact: true }).click();
  const siren = tryIt.getByRole('textbox', { name: /siren/ });
  await expect(siren).toHaveValue('732829320');
  // By keyboard: from the last field to the send button, then Enter.
  await siren.focus();
  await page.keyboard.press('Tab');
  await expect(tryIt.getByRole('button', { name: 'Send to the sandbox' })).toBeFocused();
  const sent = page.waitForRequest(
    (request) => request.url().includes('/declarations?') && request.method() === 'GET',
  );
  await page.keyboard.press('Enter');
  expect((await sent).headers().authorization).toMatch(/^Bearer eyJ/);
  const answer = tryIt.getByRole('region', { name: 'Answer from the sandbox' });
  await expect(answer.locator('[data-try-status]')).toHaveText('200 OK');
  await expect(page.locator('#reference-status')).toHaveText('The sandbox answered 200 OK.');
  await expect(answer.locator('[data-try-headers]')).toContainText('content-type');
  // Pretty-printed: one property per line, indented.
  await expect(answer.locator('[data-try-body]')).toContainText('\n  ');
  const curl = answer.locator('[data-try-curl]');
  await expect(curl).toContainText(
    "curl 'http://127.0.0.1:4490/tax-declarations/v2/declarations?siren=732829320'",
  );
  await expect(curl).toContainText("Authorization: Bearer YOUR_TOKEN'");
  expect(
    (
      await new AxeBuilder({ page })
        .include('.operation[data-operation="get-declarations"]')
        .analyze()
    ).violations.map((violation) => violation.id),
  ).toEqual([]);
});

test('"try it" sends a body edited in place, and the sandbox creates it', async ({ page }) => {
  await storeIssuedTrial(page, 'tax-declarations', 'Try it');
  const api = new ApiPage(page);
  await api.goto('tax-declarations');
  const tryIt = api.operationBlock('post-declarations').locator('[data-try-it]');
  await tryIt.getByText('Try it', { exact: true }).click();
  const body = tryIt.getByRole('textbox', { name: /Body/ });
  await expect(body).toContainText('"montantTotal": 1250.5');
  await tryIt.getByRole('button', { name: 'Send to the sandbox' }).click();
  const answer = tryIt.getByRole('region', { name: 'Answer from the sandbox' });
  await expect(answer.locator('[data-try-status]')).toHaveText('201 Created');
  await expect(answer.locator('[data-try-curl]')).toContainText('--request POST');
});

test('"try it" sends the key in the header the document names', async ({ page }) => {
  const { key } = await storeIssuedTrial(page, 'appointments', 'Try it KeyId');
  const api = new ApiPage(page);
  await api.goto('appointments');
  const tryIt = api.operationBlock('get-slots').locator('[data-try-it]');
  await tryIt.getByText('Try it', { exact: true }).click();
  await expect(tryIt.locator('[data-try-key]')).toContainText('in KeyId');
  const sent = page.waitForRequest((request) => request.url().startsWith(`${e2eSandbox.url}/`));
  await tryIt.getByRole('button', { name: 'Send to the sandbox' }).click();
  expect((await sent).headers().keyid).toBe(key);
  const answer = tryIt.getByRole('region', { name: 'Answer from the sandbox' });
  await expect(answer.locator('[data-try-status]')).toHaveText('200 OK');
  await expect(answer.locator('[data-try-curl]')).toContainText("KeyId: YOUR_KEY'");
});

test.describe('without a key', () => {
  // The gateway's refusal is a real 401, which Chromium logs as a failed resource.
  test.use({ allowedConsoleErrors: [/status of 401 \(Unauthorized\)/] });

  test('"try it" says where to get one and shows the gateway’s refusal', async ({ page }) => {
    const api = new ApiPage(page);
    await api.goto('tax-declarations');
    const tryIt = api.operationBlock('get-declarations').locator('[data-try-it]');
    await tryIt.getByText('Try it', { exact: true }).click();
    await expect(tryIt.locator('[data-try-key]')).toContainText('Get a key in the sandbox section');
    await tryIt.getByRole('button', { name: 'Send to the sandbox' }).click();
    const answer = tryIt.getByRole('region', { name: 'Answer from the sandbox' });
    await expect(answer.locator('[data-try-status]')).toHaveText('401 Unauthorized');
    await expect(answer.locator('[data-try-body]')).toContainText('"status": 401');
  });
});
