import type { APIRequestContext } from '@playwright/test';
import { ApiPage } from '../e2e/pages/api-page.ts';
import { ReferencePage } from '../e2e/pages/reference-page.ts';
import { TrialKeyForm } from '../e2e/pages/trial-key-form.ts';
import { expect, test } from '../e2e/portal-test.ts';
import {
  featureBranch,
  mainBranch,
  previewsOrigin,
  publicApi,
  type E2eBranch,
} from './e2e-previews.ts';

const otherBranch = (branch: E2eBranch): E2eBranch =>
  branch === mainBranch ? featureBranch : mainBranch;

/** The operation's call on a branch's sandbox, as the console builds it. */
const toCallPath = (branch: E2eBranch): string =>
  `/${branch.slug}/_sandbox/${publicApi.id}/${publicApi.version}/communes?codePostal=69001`;

for (const branch of [mainBranch, featureBranch]) {
  test(`${branch.branch}: a reviewer gets a trial key on the preview and its console calls the branch's own sandbox`, async ({
    page,
    requests,
  }) => {
    const base = `/${branch.slug}/`;
    await new ApiPage(page, base).goto(publicApi.id);
    const trial = new TrialKeyForm(page, base);
    await trial.fill({
      application: 'Revue de branche',
      email: 'relecteur@example.org',
      acceptTerms: true,
    });
    const issued = page.waitForResponse((response) =>
      response.url().endsWith(`${base}_sandbox/_guichet/trial-keys`),
    );
    await trial.submit();
    // The form posts to the sandbox on the page's own origin, and gets an active key at once.
    expect((await issued).status()).toBe(201);
    await expect(trial.result).toBeVisible();
    const key = await trial.key.innerText();
    expect(await trial.storedKeys()).toEqual({ [publicApi.id]: key });

    const reference = new ReferencePage(page, base);
    await reference.goto(publicApi.id, publicApi.version);
    const server = `${previewsOrigin}${base}_sandbox/${publicApi.id}/${publicApi.version}`;
    await expect(reference.console).toContainText(server);
    await expect(reference.keyNotice).toBeVisible();
    const answered = page.waitForResponse((response) => response.url().startsWith(`${server}/`));
    await reference.sendRequest(/Test Request.*get \/communes/);
    const response = await answered;
    expect(response.url()).toBe(`${previewsOrigin}${toCallPath(branch)}`);
    expect(response.request().headers()['x-api-key']).toBe(key);
    expect(response.status()).toBe(200);
    const body = await response.text();
    expect(body).toContain(branch.example);
    expect(body).not.toContain(otherBranch(branch).example);
    await expect(reference.client).toContainText(branch.example);

    // The key is this preview's: the other preview's console, on the same origin, does not
    // send it to its own sandbox, which would not know it.
    const elsewhere = new ReferencePage(page, `/${otherBranch(branch).slug}/`);
    await elsewhere.goto(publicApi.id, publicApi.version);
    await expect(elsewhere.missingKeyNotice).toBeVisible();

    // The form's call and the console's both stayed on the previews server's origin.
    const sandboxCalls = requests.filter((url) => url.includes('/_sandbox/'));
    expect(sandboxCalls.length).toBeGreaterThanOrEqual(2);
    expect(sandboxCalls.every((url) => url.startsWith(`${previewsOrigin}${base}_sandbox/`))).toBe(
      true,
    );
  });
}

/** A key from a branch's sandbox, through its trial-key endpoint. */
async function requestKey(request: APIRequestContext, branch: E2eBranch): Promise<string> {
  const answer = await request.post(`/${branch.slug}/_sandbox/_guichet/trial-keys`, {
    data: {
      application: 'Revue de branche',
      email: 'relecteur@example.org',
      api: publicApi.id,
      acceptTerms: true,
    },
  });
  expect(answer.status()).toBe(201);
  const issued = (await answer.json()) as { key: string; status: string };
  expect(issued.status).toBe('active');
  return issued.key;
}

test('both sandboxes answer side by side, each from its own branch, and know only their own keys', async ({
  request,
}) => {
  const [mainKey, featureKey] = await Promise.all([
    requestKey(request, mainBranch),
    requestKey(request, featureBranch),
  ]);
  const call = (branch: E2eBranch, key: string) =>
    request.get(toCallPath(branch), { headers: { 'x-api-key': key } });
  const [mainAnswer, featureAnswer, crossed] = await Promise.all([
    call(mainBranch, mainKey),
    call(featureBranch, featureKey),
    call(featureBranch, mainKey),
  ]);
  expect(await mainAnswer.text()).toContain(mainBranch.example);
  expect(await featureAnswer.text()).toContain(featureBranch.example);
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
    expect(text).not.toContain(otherBranch(branch).example);
  }
});
