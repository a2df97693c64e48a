import { findViolations } from './find-violations.ts';
import { TrialKeyForm } from './pages/trial-key-form.ts';
import { expect, test } from './portal-test.ts';

/**
 * The default build's page kinds are page-matrix.spec.ts's (every kind, language, theme and
 * width); here, the API pages only this build has: schemas, webhooks, a multi-file document, an
 * API split into pages per tag. Best practices and WCAG 2.2 included.
 */
const pages = [
  { name: 'API page with schemas', path: '/apis/company-registry/' },
  { name: 'API page with webhooks', path: '/apis/grant-notifications/' },
  { name: 'API page with a multi-file document', path: '/apis/appointments/' },
  { name: 'overview of a split API', path: '/internal/apis/collectivites/' },
  // The first part of a tag made to be split (120 KB of HTML): axe's contrast checks are slow on
  // long pages, so its budget is far above the work rather than the default minute.
  {
    name: 'per-tag page',
    path: '/internal/apis/collectivites/v1/tags/departements/',
    timeout: 600_000,
  },
];

for (const { name, path, timeout } of pages as { name: string; path: string; timeout?: number }[]) {
  test(`the ${name} has no accessibility violation`, async ({ page }) => {
    if (timeout) test.setTimeout(timeout);
    await page.goto(path);
    expect(await findViolations(page)).toEqual([]);
  });
}

test.describe('the trial-key form', () => {
  // The gateway's refusal is a real 400, which Chromium logs as a failed resource.
  test.use({ allowedConsoleErrors: [/status of 400 \(Bad Request\)/] });

  test('has no violation with errors shown, nor with a key shown', async ({ page }) => {
    // Three axe runs over the API page: at a load of 30 on two cores each took about 20 s.
    test.setTimeout(240_000);
    await page.goto('/apis/tax-declarations/');
    const trial = new TrialKeyForm(page);
    await trial.fill({ application: 'A', email: 'dev@localhost', acceptTerms: false });
    await trial.submit();
    await expect(trial.fieldError('terms')).not.toBeEmpty();
    expect(await findViolations(page)).toEqual([]);
    await trial.fill({ application: 'Axe', email: 'dev@localhost', acceptTerms: true });
    await trial.submit();
    await expect(trial.fieldError('email')).not.toBeEmpty();
    expect(await findViolations(page)).toEqual([]);
    await trial.fill({ application: 'Axe', email: 'axe@example.org', acceptTerms: true });
    await trial.submit();
    await expect(trial.result).toBeVisible();
    expect(await findViolations(page)).toEqual([]);
  });
});

test('on a phone, operations not laid out yet spill over nothing, and show whole once near', async ({
  page,
}) => {
  // Lighthouse's mobile width: an operation is taller than the 900 px it is given until it
  // comes near the screen, and its content spilled over the next ones, where axe saw text on
  // another operation's badges and links under links.
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto('/apis/tax-declarations/');
  const spilling = (): Promise<string[]> =>
    page.$$eval('.operation', (operations) =>
      operations
        .filter((operation) => {
          const box = operation.getBoundingClientRect();
          // What a closed <details> holds is not laid out either, and has no box to spill.
          const spills = [...operation.querySelectorAll('*')].some(
            (element) =>
              element.checkVisibility() && element.getBoundingClientRect().bottom > box.bottom + 1,
          );
          return spills && getComputedStyle(operation).overflow !== 'hidden';
        })
        .map((operation) => operation.getAttribute('data-operation') ?? ''),
    );
  await expect.poll(spilling).toEqual([]);
  expect(await findViolations(page)).toEqual([]);
  const last = page.locator('.operation').last();
  await last.scrollIntoViewIfNeeded();
  // Laid out, it takes its whole height and clips nothing (focus rings included).
  await expect(last).not.toHaveCSS('overflow', 'hidden');
  await expect.poll(spilling).toEqual([]);
});

test('the catalog stays usable on a phone and by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/apis/');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  expect(await findViolations(page)).toEqual([]);
});

test('the reference page: none before the console opens; after, ours none, Scalar’s listed', async ({
  page,
}, testInfo) => {
  await page.goto('/apis/tax-declarations/v2/reference/');
  const open = page.getByRole('button', { name: 'Open the interactive console' });
  await expect(open).toBeVisible();
  expect(await findViolations(page)).toEqual([]);
  await open.click();
  await expect(
    page.locator('#console').getByRole('heading', { name: 'Lister les déclarations' }),
  ).toBeVisible();
  // Scalar renders a <main> of its own inside the page's: that duplicate is Scalar's, listed below.
  expect(
    await findViolations(page, {
      exclude: '#console',
      disableRules: ['landmark-no-duplicate-main', 'landmark-main-is-top-level'],
    }),
  ).toEqual([]);
  const scalar = await findViolations(page);
  for (const violation of scalar) {
    testInfo.annotations.push({ type: 'scalar accessibility', description: violation });
  }
  console.log(`Scalar console: ${String(scalar.length)} axe violation(s)\n${scalar.join('\n')}`);
});
