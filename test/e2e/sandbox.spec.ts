import { problemTypeList } from '../../catalog/sandbox-problems.ts';
import { e2eSandbox, internalPortal } from './e2e-portals.ts';
import { ApiPage } from './pages/api-page.ts';
import { ReferencePage } from './pages/reference-page.ts';
import { TrialKeyForm } from './pages/trial-key-form.ts';
import { expect, test } from './portal-test.ts';
import { approveKey } from './sandbox-admin.ts';

/**
 * The sandbox inside the portal, against the real sandbox (gateway, mock server, Prism) the
 * web server started: a trial key from the API page, then real calls from the console.
 */

test.describe('with the sandbox running', () => {
  // Refusals are real HTTP answers, which Chromium logs as failed resources.
  test.use({ allowedConsoleErrors: [/status of 40[03] \((Bad Request|Forbidden)\)/] });

  test('a partner gets a trial key on the API page, then calls the sandbox from the console', async ({
    page,
  }) => {
    const api = new ApiPage(page);
    await api.goto('tax-declarations');
    const trial = new TrialKeyForm(page);
    await expect(trial.fallback).toBeHidden();

    // Checked in the browser first: nothing is sent without the terms accepted.
    await trial.fill({
      application: 'Logiciel Compta',
      email: 'dev@localhost',
      acceptTerms: false,
    });
    await trial.submit();
    await expect(trial.fieldError('terms')).toHaveText('Accept the sandbox terms to get a key.');
    await expect(trial.terms).toBeFocused();
    await expect(trial.terms).toHaveAttribute('aria-invalid', 'true');

    // Then by the gateway: its problem's errors[] land next to the field they name.
    await trial.terms.check();
    await trial.submit();
    await expect(trial.message).toContainText('Invalid request');
    await expect(trial.fieldError('email')).toHaveText(
      'Must be an email address such as dev@example.org.',
    );
    await expect(trial.email).toBeFocused();
    await expect(trial.fieldError('terms')).toBeEmpty();
    await expect(
      trial.message.getByRole('link', { name: '/problems/invalid-request' }),
    ).toHaveAttribute('href', '/problems/invalid-request/');

    await trial.fill({
      application: 'Logiciel Compta',
      email: 'dev@example.org',
      acceptTerms: true,
    });
    await trial.submit();
    await expect(trial.result).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Your trial key' })).toBeFocused();
    const key = await trial.key.innerText();
    expect(key).toMatch(/^gk_[A-Za-z0-9_-]{20,}$/);
    await expect(trial.result).toContainText('Store it now.');
    await expect(trial.result).toContainText('Free plan: 50 requests a minute.');
    await expect(trial.result.locator('[data-key-pending]')).toBeHidden();
    await expect(trial.message).toBeEmpty();
    expect(await trial.storedKeys()).toEqual({ 'tax-declarations': key });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await trial.result.getByRole('button', { name: 'Copy the key' }).click();
    await expect(page.locator('#copy-status')).toHaveText('Copied the key to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    // Shown once: back on the page, only a masked hint remains.
    await page.reload();
    await expect(trial.storedNotice).toBeVisible();
    await expect(trial.storedNotice.locator('[data-key-hint]')).toHaveText(`${key.slice(0, 7)}…`);
    await expect(page.getByText(key)).toHaveCount(0);

    const reference = new ReferencePage(page);
    await reference.goto('tax-declarations', 'v2');
    await expect(reference.keyNotice).toContainText(`${key.slice(0, 7)}…`);
    await reference.sendRequest(/Test Request.*get \/declarations/);
    await expect(reference.client).toContainText('200 OK');
    // The document's example, as Prism serves it through the gateway.
    await expect(reference.client).toContainText('"id": "D-2026-0001"');
    const client = await reference.showResponseHeaders();
    await expect(client).toContainText('"free";q=50;w=60');
    await expect(client).toContainText(/"free";r=\d+;t=\d+/);
    await expect(client.getByText(/^RateLimit-Policy$/i)).toBeVisible();
    await expect(client.getByText(/^RateLimit$/i)).toBeVisible();
  });

  test('a restricted API gives a pending key, which works once an administrator approves it', async ({
    page,
  }) => {
    const api = new ApiPage(page, internalPortal.base);
    await api.goto('staff-directory');
    const trial = new TrialKeyForm(page);
    await expect(trial.form).toContainText('an administrator approves each key');
    await trial.fill({ application: 'Outil RH', email: 'rh@example.org', acceptTerms: true });
    await trial.submit();
    const pending = trial.result.locator('[data-key-pending]');
    await expect(pending).toBeVisible();
    await expect(pending).toContainText('An administrator must approve this key');
    await expect(
      pending.getByRole('link', { name: '403 Subscription awaiting approval' }),
    ).toHaveAttribute('href', '/internal/problems/subscription-pending/');
    const key = await trial.key.innerText();

    const reference = new ReferencePage(page, internalPortal.base);
    await reference.goto('staff-directory', 'v1');
    await reference.sendRequest(/Test Request.*get \/agents-habilites/);
    await expect(reference.client).toContainText('403 Forbidden');
    await expect(reference.client).toContainText('"type": "/problems/subscription-pending"');

    await approveKey(key, 'staff-directory');
    await reference.sendAgain();
    await expect(reference.client).toContainText('200 OK');
    await expect(reference.client).toContainText('"nom": "Dupont"');
  });
});

test.describe('when the sandbox cannot be reached', () => {
  test.use({ allowedConsoleErrors: [/ERR_CONNECTION_REFUSED/] });

  test('the form says the sandbox is not running and how to start it', async ({ page }) => {
    // Nothing answers at the sandbox's address for this page, as when it was never started.
    await page.route(`${e2eSandbox.url}/**`, (route) => route.abort('connectionrefused'));
    const api = new ApiPage(page);
    await api.goto('appointments');
    const trial = new TrialKeyForm(page);
    await trial.fill({ application: 'Agenda', email: 'dev@example.org', acceptTerms: true });
    await trial.submit();
    await expect(trial.message).toContainText('The sandbox is not running');
    await expect(trial.message.locator('code')).toHaveText('npm run sandbox');
    await expect(trial.result).toBeHidden();
    expect(await trial.storedKeys()).toEqual({});
  });
});

test('a stored key is masked and can be forgotten', async ({ page }) => {
  await page.addInitScript(() => {
    window.localStorage.setItem(
      'guichet:keys',
      JSON.stringify({ 'company-registry': 'gk_e2eStoredKey0001', appointments: 'gk_other' }),
    );
  });
  const api = new ApiPage(page);
  await api.goto('company-registry');
  const trial = new TrialKeyForm(page);
  await expect(trial.storedNotice).toContainText('gk_e2eS…');
  await trial.storedNotice.getByRole('button', { name: 'Forget this key' }).click();
  await expect(trial.storedNotice).toBeHidden();
  await expect(trial.application).toBeFocused();
  expect(await trial.storedKeys()).toEqual({ appointments: 'gk_other' });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the trial-key block explains the command-line route', async ({ page }) => {
    const api = new ApiPage(page);
    await api.goto('tax-declarations');
    const trial = new TrialKeyForm(page);
    await expect(trial.form).toBeHidden();
    await expect(trial.fallback).toContainText(
      'npm run keys -- create --app "My application" --api tax-declarations',
    );
  });
});

test('the sandbox section gives a working command and lists the owners’ stubs', async ({
  page,
  request,
}) => {
  const api = new ApiPage(page);
  await api.goto('tax-declarations');
  const stubs = page.locator('#sandbox-stubs');
  await expect(stubs.locator('[data-example="declaration-vide"]')).toContainText(
    'Prefer: example=declaration-vide on GET /declarations → 200',
  );
  const stub = stubs.locator('[data-stub="siren-inconnu"]');
  await expect(stub).toContainText('GET /declarations?siren=000000000 → 200');
  await expect(stub).toContainText("Le SIREN 000000000 n'appartient à aucune entreprise.");
  await expect(stub).toContainText('Versions: v2');
  await expect(api.sandbox.getByText('Prefer: dynamic=true')).toBeVisible();
  await expect(api.sandbox.getByRole('link', { name: 'sandbox problem types' })).toHaveAttribute(
    'href',
    '/problems/',
  );

  // The command and the stub's request, sent as printed, with a key from the gateway.
  const issued = await request.post(`${e2eSandbox.url}/_guichet/trial-keys`, {
    data: {
      application: 'Terminal',
      email: 'cli@example.org',
      api: 'tax-declarations',
      acceptTerms: true,
    },
  });
  const { key } = (await issued.json()) as { key: string };
  const curl = await page.locator('#sandbox-curl').innerText();
  const url = /'(http[^']+)'/.exec(curl)?.[1] ?? '';
  expect(url).toBe(`${e2eSandbox.url}/tax-declarations/v2/declarations?siren=732829320`);
  // The operation takes an OAuth 2.0 token; the sandbox's own X-Api-Key works on it too.
  expect(curl).toContain('-H "Authorization: Bearer $TOKEN"');
  await expect(page.locator('#sandbox-token')).toContainText(`${e2eSandbox.url}/oauth/token`);
  const answer = await request.get(url, { headers: { 'X-Api-Key': key } });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toEqual([
    { id: 'D-2026-0001', siren: '732829320', montantTotal: 1250.5 },
  ]);
  const stubbed = await request.get(
    `${e2eSandbox.url}/tax-declarations/v2/declarations?siren=000000000`,
    { headers: { 'X-Api-Key': key } },
  );
  expect(stubbed.headers()['x-guichet-stub']).toBe('siren-inconnu');
  expect(await stubbed.json()).toEqual([]);
});

test('every problem type has a page, at the type URI the sandbox sends', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Sandbox problem types' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sandbox problem types');
  const links = page.getByRole('main').locator('.problem-list a');
  await expect(links).toHaveCount(problemTypeList.length);
  await expect(page.getByRole('heading', { name: '429 Too Many Requests' })).toBeVisible();

  // A partner pastes the `type` of a refusal after the portal's address.
  await page.goto('/problems/quota-exceeded');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quota exceeded');
  await expect(page.locator('[data-status]')).toHaveText('429 Too Many Requests');
  await expect(page.locator('[data-remedy]')).toContainText('Retry-After');
  await expect(page.locator('pre')).toContainText('"type": "/problems/quota-exceeded"');

  await page.goto('/internal/problems/subscription-pending/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Subscription awaiting approval',
  );
  await page.getByRole('link', { name: 'Every problem type' }).click();
  await expect(page).toHaveURL(/\/internal\/problems\/$/);
});

test('the terms are one click from the form', async ({ page }) => {
  const api = new ApiPage(page);
  await api.goto('grant-notifications');
  await new TrialKeyForm(page).form.getByRole('link', { name: 'sandbox terms' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sandbox terms');
  await expect(page.getByRole('main')).toContainText('Access logs are kept 10 days');
  await expect(page.getByRole('main')).toContainText('anonymised');
});
