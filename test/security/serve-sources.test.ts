import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../config/chromium.ts';
import { previewFiles } from '../../scripts/lib/previews/preview-manifest.ts';
import { createStaticServer } from '../../scripts/lib/portal/create-static-server.ts';
import { startPreviewsFixture, type PreviewsFixture } from './helpers/previews-fixture.ts';

/**
 * A document's original files are published under `apis/<id>/<version>/source/` on the portal's
 * origin (and, for previews, on the origin every preview shares). Whatever a file there holds —
 * a `.json` made of HTML, or an `.html`/`.svg` left by an older build — `npm start` and the
 * previews server serve it as data the browser shows and never runs: a YAML, JSON or plain-text
 * type, `nosniff`, and a sandbox policy in case a browser renders it anyway.
 */
const script = "<script>document.title='SOURCE-XSS'</script>";
const files: Record<string, string> = {
  'index.html': '<!doctype html><title>Portal</title><p>Portal</p>',
  'apis/h1/v1/source/openapi.yaml': 'openapi: 3.1.0\n',
  'apis/h1/v1/source/x.json': `<!doctype html><html><body>${script}</body></html>`,
  'apis/h1/v1/source/schemas/x.yml': `<html><body>${script}</body></html>`,
  'apis/h1/v1/source/evil.html': `<html><body>${script}</body></html>`,
  'apis/h1/v1/source/evil.svg':
    '<svg xmlns="http://www.w3.org/2000/svg" onload="document.title=\'SVG-XSS\'"/>',
  'apis/h1/v1/source/evil.xhtml': `<html xmlns="http://www.w3.org/1999/xhtml"><body>${script}</body></html>`,
};

/** What each file of `source/` is served as, by the path a browser asks for. */
const expectedTypes: [path: string, type: string][] = [
  ['apis/h1/v1/source/openapi.yaml', 'application/yaml; charset=utf-8'],
  ['apis/h1/v1/source/x.json', 'application/json; charset=utf-8'],
  ['apis/h1/v1/source/schemas/x.yml', 'application/yaml; charset=utf-8'],
  ['apis/h1/v1/source/evil.html', 'text/plain; charset=utf-8'],
  ['apis/h1/v1/source/evil.svg', 'text/plain; charset=utf-8'],
  ['apis/h1/v1/source/evil.xhtml', 'text/plain; charset=utf-8'],
  // sirv finds `evil.html` for `evil`, as it finds `index.html` for a folder.
  ['apis/h1/v1/source/evil', 'text/plain; charset=utf-8'],
  ['apis/h1/v1/so%75rce/evil.svg', 'text/plain; charset=utf-8'],
];

async function writeSite(dir: string): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

function assertServedAsData(response: Response, type: string): void {
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), type);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('content-security-policy'), 'sandbox');
}

let distDir: string;
let portal: Server;
let portalUrl: string;
let previews: PreviewsFixture;
let previewsUrl: string;
let browser: Browser;

before(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'guichet-hostile-dist-'));
  await writeSite(distDir);
  portal = createStaticServer({ dir: distDir });
  portal.listen(0, '127.0.0.1');
  await once(portal, 'listening');
  portalUrl = `http://127.0.0.1:${String((portal.address() as AddressInfo).port)}`;
  previews = await startPreviewsFixture(['main']);
  // The preview's site is read on its first request, which comes after this.
  await writeSite(join(previews.previewsDir, 'main', previewFiles.site));
  previewsUrl = `http://127.0.0.1:${String(previews.port)}/main`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumFlags] });
});

after(async () => {
  await browser.close();
  await previews.close();
  await new Promise((resolve) => portal.close(resolve));
  await rm(distDir, { recursive: true, force: true });
});

for (const [server, baseUrl] of [
  ['npm start', () => portalUrl],
  ['the previews server', () => previewsUrl],
] as const) {
  describe(`${server} serves a document's original files as data`, () => {
    for (const [path, type] of expectedTypes) {
      test(`${path} as ${type.split(';')[0] ?? type}`, async () => {
        assertServedAsData(await fetch(`${baseUrl()}/${path}`), type);
      });
    }

    test('every page gets nosniff', async () => {
      const response = await fetch(`${baseUrl()}/`);
      assert.equal(response.headers.get('content-type'), 'text/html;charset=utf-8');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    });

    for (const path of [
      'apis/h1/v1/source/x.json',
      'apis/h1/v1/source/evil.html',
      'apis/h1/v1/source/evil.svg',
    ]) {
      test(`Chromium runs nothing of ${path}`, async () => {
        const page = await browser.newPage();
        try {
          await page.goto(`${baseUrl()}/${path}`, { waitUntil: 'load' });
          assert.doesNotMatch(await page.title(), /XSS/);
          assert.equal(await page.locator('script, svg').count(), 0, 'shown as text, not parsed');
        } finally {
          await page.close();
        }
      });
    }
  });
}
