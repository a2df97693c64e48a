import { e2eSandbox, internalPortal } from './e2e-portals.ts';
import { findViolations } from './find-violations.ts';
import { UsageView } from './pages/usage-view.ts';
import { expect, test } from './portal-test.ts';
import { storeIssuedTrial } from './trial-credentials.ts';

/**
 * The usage pages as a partner and an owner find them, in both languages: from an API page
 * whose sandbox section knows the partner's key to their own figures, from the footer to the
 * owners' view (the admin token typed in), and from an API page to the owners' view of that
 * API. Real traffic through the real sandbox; axe finds nothing on either page once filled.
 */
const languages = [
  {
    lang: 'en',
    base: '/',
    myUsage: 'See my usage of this API',
    ownerFooter: 'Usage of the APIs (owners)',
    ownerApi: 'Usage of this API (owners)',
    perApi: 'Your calls per API',
    totals: 'Totals of the period',
    consumers: 'Consumers, by requests',
    operations: 'Operations, by requests',
    shown: 'Usage shown.',
  },
  {
    lang: 'fr',
    base: '/fr/',
    myUsage: 'Voir ma consommation de cette API',
    ownerFooter: 'Usage des API (propriétaires)',
    ownerApi: 'Usage de cette API (propriétaires)',
    perApi: 'Vos appels par API',
    totals: 'Totaux de la période',
    consumers: 'Consommateurs, par requêtes',
    operations: 'Opérations, par requêtes',
    shown: 'Usage affiché.',
  },
] as const;

for (const text of languages) {
  test(`${text.lang}: from an API page to my usage, and from the footer to the owners' view`, async ({
    page,
  }) => {
    // Two pages filled, a viewport change and axe twice: a shared machine takes minutes.
    test.slow();
    const trial = await storeIssuedTrial(page, 'appointments', `Usage e2e ${text.lang}`, text.base);
    for (let index = 0; index < 3; index += 1) {
      const answer = await fetch(`${e2eSandbox.url}/appointments/v1/slots`, {
        headers: { keyid: trial.key },
      });
      await answer.arrayBuffer();
      expect(answer.status).toBe(200);
    }
    // And one call the mock server refuses: a path the document does not have.
    const refused = await fetch(`${e2eSandbox.url}/appointments/v1/slots/nowhere`, {
      headers: { keyid: trial.key },
    });
    await refused.arrayBuffer();
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const view = new UsageView(page);

    // The partner: the sandbox section links to their figures once the browser holds a key.
    await page.goto(`${text.base}apis/appointments/`);
    await page.locator('#sandbox').getByRole('link', { name: text.myUsage }).click();
    await expect(page).toHaveURL(`${text.base}usage/?api=appointments`);
    await expect(view.status).toContainText(trial.consumerId);
    // Requests, then the client errors among them.
    await expect(view.cell(text.perApi, /appointments/, 4)).toHaveText('4');
    await expect(view.cell(text.perApi, /appointments/, 5)).toHaveText('1');
    await expect(view.chart).toHaveCount(1);
    expect(await findViolations(page)).toEqual([]);
    // On a phone the tables scroll in their boxes and the chart narrows: the page does not.
    await page.setViewportSize({ width: 375, height: 740 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 720 });

    // The owner: the footer's link, then the admin token and the partner's consumer id.
    await page.getByRole('contentinfo').getByRole('link', { name: text.ownerFooter }).click();
    await expect(page).toHaveURL(`${text.base}usage/owners/`);
    await view.show(e2eSandbox.adminToken, { api: 'appointments', consumer: trial.consumerId });
    await expect(view.status).toHaveText(text.shown);
    await expect(view.table(text.totals).getByRole('cell').nth(0)).toHaveText('4');
    await expect(view.table(text.totals).getByRole('cell').nth(1)).toHaveText('1');
    await expect(view.cell(text.consumers, trial.consumerId, 1)).toHaveText('4');
    await expect(view.cell(text.operations, /listSlots/, 3)).toHaveText('3');
    await expect(view.chart).toHaveCount(1);
    expect(await findViolations(page)).toEqual([]);

    // Each API page links to the owners' view of its API.
    await page.goto(`${text.base}apis/appointments/`);
    await page.getByRole('link', { name: text.ownerApi }).click();
    await expect(view.filter('api')).toHaveValue('appointments');
  });
}

test('a portal under a base path has both pages there, and links to them there', async ({
  request,
}) => {
  const base = internalPortal.base;
  for (const path of ['usage/', 'usage/owners/']) {
    const page = await request.get(`${base}${path}`);
    expect(page.status()).toBe(200);
    expect(await page.text()).toContain('id="usage-form"');
  }
  const apiPage = await (await request.get(`${base}apis/appointments/`)).text();
  for (const href of [
    `${base}usage/`,
    `${base}usage/owners/`,
    `${base}usage/?api=appointments`,
    `${base}usage/owners/?api=appointments`,
  ]) {
    expect(apiPage).toContain(`href="${href}"`);
  }
});
