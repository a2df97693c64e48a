import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ApiPage } from './pages/api-page.ts';
import { TrialKeyForm } from './pages/trial-key-form.ts';
import { expect, test } from './portal-test.ts';
import { storeIssuedTrial } from './trial-credentials.ts';

/**
 * The request samples of an API page, copied as a partner would and run with the real curl
 * against the real sandbox, with the trial application the gateway issued: tax-declarations takes
 * OAuth 2.0 tokens, so Copy puts in a token the sandbox issues the client.
 */
test('a curl sample copied from the page answers 2xx from the sandbox', async ({ page }) => {
  const { key } = await storeIssuedTrial(page, 'tax-declarations', 'Samples');
  const api = new ApiPage(page);
  const trial = new TrialKeyForm(page);
  await api.goto('tax-declarations');
  await expect(trial.storedNotice).toBeVisible();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  for (const [anchor, status] of [
    ['get-declarations', '200'],
    ['post-declarations', '201'],
  ] as const) {
    const samples = api.operationBlock(anchor).locator('[data-code-samples]');
    await expect(samples).toContainText(`Copy puts your key (${key.slice(0, 7)}…)`);
    // On screen the credentials stay placeholders: they are shown once, when issued.
    await expect(samples.locator('[data-sample="curl"] code')).toContainText(
      "Authorization: Bearer YOUR_TOKEN'",
    );
    // Emptied first: Copy fetches a token before it writes, so the last copy would still be there.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await samples.getByRole('button', { name: 'Copy the curl sample' }).click();
    const readClipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await expect.poll(readClipboard).not.toBe('');
    await expect(page.locator('#reference-status')).toHaveText(
      'Copied the curl sample to the clipboard.',
    );
    const command = await readClipboard();
    expect(command).toMatch(/Authorization: Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+'/);
    const { stdout } = await promisify(execFile)('bash', [
      '-c',
      `${command} --silent --output /dev/null --write-out '%{http_code}'`,
    ]);
    expect(stdout, `${anchor}: ${command}`).toBe(status);
  }
});

test('the language a partner opens opens in every operation, and stays chosen', async ({
  page,
}) => {
  const api = new ApiPage(page);
  await api.goto('tax-declarations');
  const first = api.operationBlock('get-declarations');
  await first.locator('[data-sample="python"] > summary').click();
  const other = api.operationBlock('post-declarations');
  await expect(other.locator('[data-sample="python"]')).toHaveAttribute('open', '');
  await expect(other.locator('[data-sample="curl"]')).not.toHaveAttribute('open');
  await page.reload();
  await expect(
    api.operationBlock('get-taux-tva').locator('[data-sample="python"]'),
  ).toHaveAttribute('open', '');
});
