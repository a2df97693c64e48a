import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../e2e/portal-test.ts';
import {
  buildBranchPreview,
  publicApi,
  toApisDir,
  writeBranchApis,
  type E2eBranch,
} from './e2e-previews.ts';
import { PreviewsPage } from './pages/previews-page.ts';

const branch: E2eBranch = {
  branch: 'review/Rebuilt-While-Served',
  slug: 'review-rebuilt-while-served',
  example: 'Caluire-et-Cuire',
};
const changedExample = 'Sainte-Foy-lès-Lyon';

test('a new preview appears without a restart, and a rebuild restarts its sandbox with the new documents', async ({
  page,
  request,
}) => {
  test.setTimeout(480_000);
  await writeBranchApis(branch);
  await buildBranchPreview(branch);

  const previews = new PreviewsPage(page);
  await previews.goto();
  await expect(previews.row(branch.branch)).toHaveCount(1);
  const builtAt = await previews.row(branch.branch).locator('time').getAttribute('datetime');
  expect(builtAt).not.toBeNull();

  const keyAnswer = await request.post(`/${branch.slug}/_sandbox/_guichet/trial-keys`, {
    data: {
      application: 'Revue de branche',
      email: 'relecteur@example.org',
      api: publicApi.id,
      acceptTerms: true,
    },
  });
  expect(keyAnswer.status()).toBe(201);
  const { key } = (await keyAnswer.json()) as { key: string };
  const call = `/${branch.slug}/_sandbox/${publicApi.id}/${publicApi.version}/communes?codePostal=69001`;
  await waitForPreparedVersion(request, call, key);
  const before = await request.get(call, { headers: { 'x-api-key': key } });
  expect(await before.text()).toContain(branch.example);

  // The owner changes the example on the branch; the pipeline builds the preview again.
  const source = join(toApisDir(branch), publicApi.id, 'openapi.yaml');
  await writeFile(source, (await readFile(source, 'utf8')).replace(branch.example, changedExample));
  await buildBranchPreview(branch);

  // Same server, same key (the sandbox's store outlives builds), the new document's answer.
  await waitForPreparedVersion(request, call, key);
  const after = await request.get(call, { headers: { 'x-api-key': key } });
  expect(after.status()).toBe(200);
  expect(await after.text()).toContain(changedExample);
  const bundled = await request.get(
    `/${branch.slug}/apis/${publicApi.id}/${publicApi.version}/openapi.json`,
  );
  expect(await bundled.text()).toContain(changedExample);
  // The index gives the new build's time.
  await previews.goto();
  await expect(previews.row(branch.branch).locator('time')).not.toHaveAttribute(
    'datetime',
    builtAt ?? '',
  );
});

/**
 * Waits while the sandbox answers its documented 503 with `Retry-After`: a rebuilt version is
 * prepared in the background, and on a loaded machine preparing takes longer than the mock
 * server's own wait. The test waits for the state, never for a clock.
 */
async function waitForPreparedVersion(
  request: APIRequestContext,
  call: string,
  key: string,
): Promise<void> {
  await expect
    .poll(
      async () => {
        const answer = await request.get(call, { headers: { 'x-api-key': key } });
        if (answer.status() === 503) expect(answer.headers()['retry-after']).toBeDefined();
        return answer.status();
      },
      { timeout: 150_000, intervals: [1_000] },
    )
    .not.toBe(503);
}
