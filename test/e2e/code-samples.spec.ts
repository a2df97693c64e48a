import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { e2eSandbox } from './e2e-portals.ts';
import { ApiPage } from './pages/api-page.ts';
import { TrialKeyForm } from './pages/trial-key-form.ts';
import { expect, test } from './portal-test.ts';

/**
 * The request samples of an API page, copied as a partner would and run with the real curl
 * against the real sandbox, with a key the gateway issued.
 */
test('a curl sample copied from the page answers 2xx from the sandbox', async ({
  page,
  request,
}) => {
  const issued = await request.post(`${e2eSandbox.url}/_guichet/trial-keys`, {
    data: {
      application: 'Samples',
      email: 'samples@example.org',
      api: 'tax-declarations',
      acceptTerms: true,
    },
  });
  const { key } = (await issued.json()) as { key: string };
  const api = new ApiPage(page);
  const trial = new TrialKeyForm(page);
  await page.addInitScript(
    ([name, value]) => {
      window.localStorage.setItem(name, JSON.stringify({ 'tax-declarations': value }));
    },
    ['guichet:keys', key] as const,
  );
  await api.goto('tax-declarations');
  await expect(trial.storedNotice).toBeVisible();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  for (const [anchor, status] of [
    ['get-declarations', '200'],
    ['post-declarations', '201'],
  ] as const) {
    const samples = api.operationBlock(anchor).locator('[data-code-samples]');
    await expect(samples).toContainText(`Copy puts your key (${key.slice(0, 7)}…)`);
    // On screen the key stays a placeholder: it is shown once, when issued.
    await expect(samples.locator('[data-sample="curl"] code')).toContainText(
      "X-Api-Key: YOUR_KEY'",
    );
    await samples.getByRole('button', { name: 'Copy the curl sample' }).click();
    await expect(page.locator('#reference-status')).toHaveText(
      'Copied the curl sample to the clipboard.',
    );
    const command = await page.evaluate(() => navigator.clipboard.readText());
    expect(command).toContain(`X-Api-Key: ${key}`);
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
