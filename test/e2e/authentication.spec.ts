import { e2eSandbox } from './e2e-portals.ts';
import { ApiPage } from './pages/api-page.ts';
import { ReferencePage } from './pages/reference-page.ts';
import { TrialKeyForm } from './pages/trial-key-form.ts';
import { expect, test } from './portal-test.ts';

/**
 * Each public fixture API declares its own scheme, as real documents do: OAuth 2.0 client
 * credentials with per-operation scopes (tax-declarations), a key in the KeyId header
 * (appointments), a key in the apikey query parameter (company-registry, Swagger 2.0), HTTP
 * bearer (grant-notifications). A partner gets a trial application on the API page, opens the
 * console, presses Send, and the real sandbox answers 2xx, credentials sent as the document says.
 */
const cases = [
  {
    api: 'tax-declarations',
    version: 'v2',
    operation: /Test Request \(get \/declarations\)/,
    status: '200 OK',
    sent: (headers: Record<string, string>, url: URL) =>
      /^Bearer eyJ/.test(headers.authorization ?? '') && url.pathname.endsWith('/declarations'),
  },
  {
    api: 'appointments',
    version: 'v1',
    operation: /Test Request.*get \/slots/,
    status: '200 OK',
    sent: (headers: Record<string, string>) => /^gk_/.test(headers.keyid ?? ''),
  },
  {
    api: 'company-registry',
    version: 'v1',
    operation: /Test Request.*get \/companies\/\{siren\}/,
    status: '200 OK',
    sent: (_headers: Record<string, string>, url: URL) =>
      /^gk_/.test(url.searchParams.get('apikey') ?? ''),
  },
  {
    api: 'grant-notifications',
    version: 'v0',
    operation: /Test Request.*post \/applications/,
    status: '201 Created',
    sent: (headers: Record<string, string>) => /^Bearer eyJ/.test(headers.authorization ?? ''),
  },
];

test.describe('every public API, called from the console as its document says', () => {
  test.use({ allowedConsoleErrors: [/status of 403 \(Forbidden\)/] });

  for (const item of cases) {
    test(`${item.api}: a trial application, then Send gets ${item.status}`, async ({ page }) => {
      const api = new ApiPage(page);
      await api.goto(item.api);
      const trial = new TrialKeyForm(page);
      await trial.fill({
        application: `Console ${item.api}`,
        email: 'dev@example.org',
        acceptTerms: true,
      });
      await trial.submit();
      await expect(trial.result).toBeVisible();
      await expect(trial.clientId).toHaveText(/^gc_[A-Za-z0-9_-]{16}$/);
      await expect(trial.clientSecret).toHaveText(/^gs_[A-Za-z0-9_-]{32}$/);
      // The page's commands now hold the partner's own credentials.
      await expect(page.locator('#sandbox-curl')).not.toContainText('YOUR_');

      const reference = new ReferencePage(page);
      await reference.goto(item.api, item.version);
      const sent = page.waitForRequest(
        (request) =>
          request.url().startsWith(`${e2eSandbox.url}/${item.api}/`) &&
          request.method() !== 'OPTIONS',
      );
      await reference.sendRequest(item.operation);
      const request = await sent;
      expect(
        item.sent(request.headers(), new URL(request.url())),
        JSON.stringify(request.headers()),
      ).toBe(true);
      await expect(reference.client).toContainText(item.status);
    });
  }

  test('an operation needing a scope the subscription lacks gets the 403 problem', async ({
    page,
  }) => {
    const api = new ApiPage(page);
    await api.goto('tax-declarations');
    await expect(api.sandbox.locator('#sandbox-scopes')).toContainText('declarations:signature');
    await expect(api.sandbox.locator('[data-scope="declarations:signature"]')).toContainText(
      'approval needed',
    );
    const trial = new TrialKeyForm(page);
    await trial.fill({
      application: 'Sans signature',
      email: 'dev@example.org',
      acceptTerms: true,
    });
    await trial.submit();
    await expect(trial.result).toBeVisible();
    const reference = new ReferencePage(page);
    await reference.goto('tax-declarations', 'v2');
    await reference.showOperation(/Télécharger l'accusé de réception/);
    await reference.sendRequest(
      /Test Request.*get \/declarations\/\{declarationId\}\/accuse-reception/,
    );
    await expect(reference.client).toContainText('403 Forbidden');
    await expect(reference.client).toContainText('"type": "/problems/insufficient-scope"');
    await expect(reference.client).toContainText('"scope": "declarations:signature"');
  });
});
