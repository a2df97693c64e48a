import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Script } from 'node:vm';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { dsfrScript, dsfrStylesheet } from '../../../config/asset-paths.ts';
import { writeDsfrBundle } from '../../../config/dsfr-bundle.ts';
import { composeDsfrStyles } from '../../../config/dsfr-styles.ts';
import { createStaticServer } from '../../../scripts/lib/portal/create-static-server.ts';

describe('the DSFR stylesheet', () => {
  test('points its urls to the copied files, hoists the fonts and scopes the rest', () => {
    const { css, assets } = composeDsfrStyles(
      [
        {
          path: 'core/core.main.min.css',
          text: '/*! DSFR v1 | MIT */@charset "UTF-8";@font-face{font-family:Marianne;src:url(../fonts/M.woff2) format("woff2")}:root{--x:1}a{color:red}.fr-a,:root[data-fr-theme=dark]{--x:2}[data-fr-theme=dark] .fr-logo:after{b:c}/*# sourceMappingURL=core.css.map */',
        },
        {
          path: 'component/button/button.main.min.css',
          text: `/*! DSFR v1 | MIT */.fr-btn:before{-webkit-mask-image:url(../../icons/system/close-line.svg);background:url("data:image/svg+xml;charset=utf-8,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E")}`,
        },
      ],
      'dsfr.css',
    );
    assert.deepEqual(assets, ['fonts/M.woff2', 'icons/system/close-line.svg']);
    assert.equal(css.match(/\/\*!/g)?.length, 1, 'one licence banner');
    assert.doesNotMatch(css, /@charset|sourceMappingURL/);
    const scopeStart = css.indexOf('@scope (:root) to (.scalar-app){');
    assert.ok(scopeStart > css.indexOf('@font-face{'), 'the fonts come before the scope');
    assert.match(css, /@font-face\{font-family:Marianne;src:url\(fonts\/M\.woff2\)/);
    assert.match(css, /mask-image:url\(icons\/system\/close-line\.svg\)/);
    assert.match(css, /url\("data:image\/svg\+xml;charset=utf-8,%3Csvg xmlns='http:/);
    assert.ok(css.trimEnd().endsWith('}}'));
    // Inside the scope, what starts at <html> names it (:scope), with the same specificity.
    assert.ok(css.indexOf(':scope{--x:1}') > scopeStart);
    assert.match(css, /\.fr-a,:scope\[data-fr-theme=dark\]\{--x:2\}/);
    assert.match(css, /\}:where\(:scope\)\[data-fr-theme=dark\] \.fr-logo:after\{/);
    assert.doesNotMatch(css.slice(scopeStart + 10), /:root/);
  });

  test('refuses a url that leaves the package', () => {
    assert.throws(
      () => composeDsfrStyles([{ path: 'core/a.css', text: 'a{b:url(../../x.png)}' }], 'dsfr.css'),
      /points outside dist\//,
    );
  });
});

describe('the DSFR bundle written into a build', () => {
  let target = '';
  before(async () => {
    target = join(await mkdtemp(join(tmpdir(), 'guichet-dsfr-')), '_dsfr');
    await writeDsfrBundle(target);
  });
  after(async () => {
    await rm(dirname(target), { recursive: true, force: true });
  });

  test('holds every file its stylesheet names, and nothing from another host', async () => {
    const css = await readFile(join(target, dsfrStylesheet), 'utf8');
    const urls = [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)]
      .map((match) => match[2] ?? '')
      .filter((url) => !url.startsWith('data:'));
    assert.ok(urls.length > 20);
    for (const url of urls) {
      assert.doesNotMatch(url, /^(?:https?:)?\/\//);
      await access(resolve(target, url));
    }
    assert.ok(urls.some((url) => /^fonts\/Marianne-Regular\.woff2$/.test(url)));
    assert.ok(urls.some((url) => /^fonts\/Spectral-Regular\.woff2$/.test(url)));
    assert.equal(css.match(/@font-face/g)?.length, 10);
  });

  test('sends the stylesheet and the module compressed to the browsers that take it', async () => {
    const server = createStaticServer({ dir: dirname(target) }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    try {
      for (const file of [dsfrStylesheet, dsfrScript]) {
        const original = await readFile(join(target, file));
        assert.deepEqual(
          brotliDecompressSync(await readFile(join(target, `${file}.br`))),
          original,
        );
        assert.deepEqual(gunzipSync(await readFile(join(target, `${file}.gz`))), original);
        const response = await fetch(`${origin}/_dsfr/${file}`, {
          headers: { 'Accept-Encoding': 'br, gzip' },
        });
        assert.equal(response.headers.get('content-encoding'), 'br');
        assert.match(response.headers.get('content-type') ?? '', /^(text\/css|text\/javascript)/);
        // fetch decodes what it receives: the same bytes as the file.
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), original);
      }
    } finally {
      server.close();
    }
  });

  test('carries the DSFR’s core and the scripts of the components the pages use, no other', async () => {
    const script = await readFile(join(target, dsfrScript), 'utf8');
    const instances = new Set(
      [...script.matchAll(/instanceClassName\(\)\{return"(\w+)"/g)].map((match) => match[1]),
    );
    // Display settings (scheme, modal, radios), header menus and search, the language selector.
    for (const name of ['Scheme', 'Modal', 'ModalButton', 'Navigation', 'HeaderModal', 'Display'])
      assert.ok(instances.has(name), `${name} is in the module`);
    // Components the pages do not use, or use without needing their script.
    for (const name of ['TableWrapper', 'TagDismissible', 'Accordion', 'TabButton', 'Tooltip'])
      assert.ok(!instances.has(name), `${name} is not in the module`);
    // Each part keeps its own top-level names: the whole compiles as one script (none imports).
    assert.doesNotThrow(() => new Script(script));
  });

  test('carries the DSFR module without its source map, the pictograms and the licence', async () => {
    const script = await readFile(join(target, dsfrScript), 'utf8');
    assert.doesNotMatch(script, /sourceMappingURL/);
    assert.match(script, /DSFR v1\.14\.4/);
    await access(join(target, 'artwork/pictograms/environment/moon.svg'));
    await access(join(target, 'favicon/favicon.svg'));
    assert.match(await readFile(join(target, 'LICENSE.md'), 'utf8'), /MIT/);
  });
});
