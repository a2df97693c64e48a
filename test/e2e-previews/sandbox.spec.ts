import type { Page } from '@playwright/test';
import { ApiPage } from '../e2e/pages/api-page.ts';
import { ReferencePage } from '../e2e/pages/reference-page.ts';
import { expect, test } from '../e2e/portal-test.ts';
import {
  featureBranch,
  mainBranch,
  previewsOrigin,
  publicApi,
  type E2eBranch,
} from './e2e-previews.ts';

/** The gateway's answer to `POST /_guichet/trial-keys`, as far as the tests read it. */
interface IssuedKey {
  key: string;
  status: string;
  plan: string;
}

/**
 * Asks the branch's sandbox for a trial key from one of the preview's pages, as the portal's
 * form does: a `fetch` to `/<slug>/_sandbox/_guichet/trial-keys` on the page's own origin.
 */
async function requestTrialKey(page: Page, branch: E2eBranch): Promise<IssuedKey> {
  await page.goto(`/${branch.slug}/apis/${publicApi.id}/`);
  const answer = await page.evaluate(
    async ({ url, api }) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          application: 'Revue de branche',
          email: 'relecteur@example.org',
          api,
          acceptTerms: true,
        }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    { url: `/${branch.slug}/_sandbox/_guichet/trial-keys`, api: publicApi.id },
  );
  expect(answer.status).toBe(201);
  return answer.body as IssuedKey;
}

/** Opens the branch's console with its key stored, sends the operation and returns the answer. */
async function callFromConsole(page: Page, branch: E2eBranch, key: string) {
  const base = `/${branch.slug}/`;
  const reference = new ReferencePage(page, base);
  await reference.storeKeys({ [publicApi.id]: key });
  await reference.goto(publicApi.id, publicApi.version);
  const server = `${previewsOrigin}${base}_sandbox/${publicApi.id}/${publicApi.version}`;
  await expect(reference.console).toContainText(server);
  await expect(reference.keyNotice).toBeVisible();

  await reference.console.getByRole('button', { name: /Test Request.*get \/communes/ }).click();
  const answered = page.waitForResponse((response) => response.url().startsWith(`${server}/`));
  await page.getByRole('dialog').getByRole('button', { name: /^Send/ }).first().click();
  const response = await answered;
  return {
    url: response.url(),
    status: response.status(),
    key: response.request().headers()['x-api-key'],
    body: await response.text(),
  };
}

test('a trial key from the preview’s sandbox is active at once on a public API', async ({
  page,
}) => {
  const issued = await requestTrialKey(page, mainBranch);
  expect(issued).toMatchObject({ status: 'active', plan: 'free' });
  expect(issued.key).toMatch(/^gk_/);
});

test('each preview’s console calls its own sandbox on the same origin, which answers with its branch’s example', async ({
  page,
  context,
  request,
  requests,
}) => {
  test.setTimeout(120_000);
  const mainKey = await requestTrialKey(page, mainBranch);
  const mainAnswer = await callFromConsole(page, mainBranch, mainKey.key);
  // The second reviewer's page opens beside the first, which stays open on its own preview.
  const other = await context.newPage();
  const featureKey = await requestTrialKey(other, featureBranch);
  const featureAnswer = await callFromConsole(other, featureBranch, featureKey.key);

  expect(mainAnswer).toMatchObject({
    url: `${previewsOrigin}/${mainBranch.slug}/_sandbox/${publicApi.id}/${publicApi.version}/communes?codePostal=69001`,
    status: 200,
    key: mainKey.key,
  });
  expect(mainAnswer.body).toContain(mainBranch.example);
  expect(mainAnswer.body).not.toContain(featureBranch.example);
  expect(featureAnswer).toMatchObject({ status: 200, key: featureKey.key });
  expect(featureAnswer.body).toContain(featureBranch.example);
  expect(featureAnswer.body).not.toContain(mainBranch.example);

  // Every call of both consoles stayed on the previews server's origin.
  const sandboxCalls = requests.filter((url) => url.includes('/_sandbox/'));
  expect(sandboxCalls.length).toBeGreaterThanOrEqual(4);
  expect(sandboxCalls.every((url) => url.startsWith(`${previewsOrigin}/`))).toBe(true);

  // Both sandboxes answer at once, each from its own branch, and know only their own keys.
  const call = (branch: E2eBranch, key: string) =>
    request.get(
      `/${branch.slug}/_sandbox/${publicApi.id}/${publicApi.version}/communes?codePostal=69001`,
      { headers: { 'x-api-key': key } },
    );
  const [mainAgain, featureAgain, crossed] = await Promise.all([
    call(mainBranch, mainKey.key),
    call(featureBranch, featureKey.key),
    call(featureBranch, mainKey.key),
  ]);
  expect(await mainAgain.text()).toContain(mainBranch.example);
  expect(await featureAgain.text()).toContain(featureBranch.example);
  expect(crossed.status()).toBe(401);
  expect(crossed.headers()['content-type']).toBe('application/problem+json');
});

test("each preview's pages and documents are its own branch's", async ({ page, request }) => {
  for (const branch of [mainBranch, featureBranch]) {
    const base = `/${branch.slug}/`;
    const api = new ApiPage(page, base);
    await api.goto(publicApi.id);
    await expect(api.operation(publicApi.anchor)).toBeVisible();
    await expect(api.sandbox).toContainText(`${base}_sandbox/${publicApi.id}/${publicApi.version}`);
    const document = await request.get(
      `${base}apis/${publicApi.id}/${publicApi.version}/openapi.json`,
    );
    expect(document.status()).toBe(200);
    const text = await document.text();
    expect(text).toContain(branch.example);
    expect(text).not.toContain((branch === mainBranch ? featureBranch : mainBranch).example);
  }
});
