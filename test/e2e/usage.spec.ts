import AxeBuilder from '@axe-core/playwright';
import { e2eSandbox } from './e2e-portals.ts';
import { UsageView } from './pages/usage-view.ts';
import { expect, test } from './portal-test.ts';

interface Issued {
  key: string;
  consumerId: string;
}

/** Issues a key for `appointments` through the admin API, then makes `calls` calls with it. */
async function callAppointments(application: string, calls: number): Promise<Issued> {
  const created = await fetch(`${e2eSandbox.adminUrl}/keys`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${e2eSandbox.adminToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ application, api: 'appointments' }),
  });
  if (created.status !== 201) throw new Error(`issuing a key answered ${String(created.status)}`);
  const issued = (await created.json()) as Issued;
  for (let index = 0; index < calls; index += 1) {
    const answer = await fetch(`${e2eSandbox.url}/appointments/v1/slots`, {
      headers: { keyid: issued.key },
    });
    await answer.arrayBuffer();
    if (answer.status !== 200) throw new Error(`a call answered ${String(answer.status)}`);
  }
  return issued;
}

async function findViolations(page: UsageView['page']): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.help} — ${String(violation.nodes.length)}`,
  );
}

test('the owners’ usage page shows the calls of a consumer, as a chart and as tables', async ({
  page,
}) => {
  const owner = await callAppointments('Usage e2e owner view', 3);
  const view = new UsageView(page);
  await page.goto(`${e2eSandbox.adminUrl}/usage/view`);
  await view.show(e2eSandbox.adminToken, { api: 'appointments', consumer: owner.consumerId });
  await expect(view.status).toHaveText('Usage shown.');
  const totals = view.table('Totals of the period');
  await expect(totals.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('3');
  const consumers = view.table('Consumers, by requests');
  await expect(consumers.getByRole('row', { name: owner.consumerId })).toContainText('3');
  const operations = view.table('Operations, by requests');
  await expect(operations.getByRole('row', { name: /listSlots/ })).toContainText('3');
  await expect(page.locator('#chart canvas')).toHaveCount(1);
  expect(await findViolations(page)).toEqual([]);
});

test.describe('a consumer’s own page', () => {
  // The key nobody holds gets a 401, which Chromium logs.
  test.use({ allowedConsoleErrors: [/401/] });

  test('a consumer’s usage page shows their own calls, and refuses a key nobody holds', async ({
    page,
  }) => {
    const consumer = await callAppointments('Usage e2e consumer view', 2);
    const view = new UsageView(page);
    await page.goto(`${e2eSandbox.url}/_guichet/usage/view`);
    await view.show(consumer.key);
    await expect(view.status).toContainText(consumer.consumerId);
    const apis = view.table('Your calls per API');
    await expect(
      apis
        .getByRole('row', { name: /appointments/ })
        .getByRole('cell')
        .nth(4),
    ).toHaveText('2');
    expect(await findViolations(page)).toEqual([]);
    await view.show(`gk_${'Q'.repeat(32)}`);
    await expect(view.status).toContainText('Unknown subscription key');
  });
});
