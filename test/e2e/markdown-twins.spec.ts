import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { internalPortal, publicPortal } from './e2e-portals.ts';
import { expect, test } from './portal-test.ts';

test('llms.txt lists the build’s APIs only, each linked to a twin the build wrote', async () => {
  const publicIndex = await readFile(join(publicPortal.outDir, 'llms.txt'), 'utf8');
  expect(publicIndex).toMatch(/^# guichet API catalog\n/);
  expect(publicIndex).toContain('(/apis/appointments/index.html.md)');
  expect(publicIndex).not.toContain('staff-directory');
  const internalIndex = await readFile(join(internalPortal.outDir, 'llms.txt'), 'utf8');
  expect(internalIndex).toContain('(/internal/apis/staff-directory/index.html.md)');
  const full = await readFile(join(publicPortal.outDir, 'llms-full.txt'), 'utf8');
  expect(full).toContain('## Operations');
  expect(full).not.toContain('staff-directory');
});

test('an API page links its Markdown twin, served as text/markdown', async ({ page }) => {
  await page.goto('/apis/appointments/');
  const href = await page
    .locator('link[rel="alternate"][type="text/markdown"]')
    .getAttribute('href');
  expect(href).toBe('/apis/appointments/index.html.md');
  const twin = await page.request.get(href ?? '');
  expect(twin.status()).toBe(200);
  expect(twin.headers()['content-type']).toMatch(/^text\/markdown/);
  const text = await twin.text();
  expect(text).toContain('## Get a trial key');
  expect(text).toMatch(/### `(GET|POST) \//);
});

test('llms-full.txt is its header, then each API’s twin byte for byte, and an API’s twin is its current version’s', async () => {
  const { outDir } = publicPortal;
  const full = await readFile(join(outDir, 'llms-full.txt'));
  const catalog = JSON.parse(await readFile(publicPortal.snapshot, 'utf8')) as {
    apis: { id: string; currentVersionId: string }[];
  };
  const twins = await Promise.all(
    catalog.apis.map((api) => readFile(join(outDir, 'apis', api.id, 'index.html.md'))),
  );
  const rule = Buffer.from('\n---\n\n');
  const header = full.subarray(0, full.indexOf(rule));
  expect(header.toString()).toMatch(/^# guichet API catalog, in full\n/);
  expect(full.equals(Buffer.concat([header, ...twins.flatMap((twin) => [rule, twin])]))).toBe(true);
  for (const [index, api] of catalog.apis.entries()) {
    const versionTwin = await readFile(
      join(outDir, 'apis', api.id, encodeURIComponent(api.currentVersionId), 'index.html.md'),
    );
    expect(versionTwin.equals(twins[index] ?? Buffer.alloc(0)), api.id).toBe(true);
  }
});
