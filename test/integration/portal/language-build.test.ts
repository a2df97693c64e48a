import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createStaticServer } from '../../../scripts/lib/portal/create-static-server.ts';
import {
  createHostileRepo,
  documentWithPathItem,
  type HostileRepo,
} from '../../security/helpers/hostile-repo.ts';

const goodPath = ['get:', '  summary: List', '  responses:', "    '200':", '      description: OK'];

/** The language `<html>` of a built page says. */
function readLang(html: string): string | undefined {
  return /<html\b[^>]*\blang="([^"]*)"/.exec(html)?.[1];
}

/**
 * A portal whose portal.yaml prefixes every language (`prefixDefaultLanguage: true`): one real
 * build under a base path, then served by the portal's own static server on a real socket.
 */
describe('a portal built in French and English, both under their prefix', () => {
  let repo: HostileRepo;
  let dist = '';
  before(async () => {
    repo = await createHostileRepo({
      'apis/registre/openapi.yaml': documentWithPathItem(goodPath.join('\n')),
    });
    const portalFile = join(repo.root, 'portal.yaml');
    await writeFile(portalFile, 'language: fr\nlanguages: [fr, en]\nprefixDefaultLanguage: true\n');
    dist = join(repo.root, 'dist');
    await promisify(execFile)(
      process.execPath,
      [
        'scripts/build-portal.ts',
        '--base',
        '/x/',
        '--out',
        dist,
        '--snapshot',
        join(repo.root, '.guichet', 'catalog.json'),
      ],
      {
        env: {
          ...process.env,
          APIS_DIR: repo.apisDir,
          GUICHET_PORTAL_FILE: portalFile,
          ASTRO_TELEMETRY_DISABLED: '1',
        },
      },
    );
  });
  after(async () => {
    await repo.remove();
  });

  test('each language has its pages under its prefix; the former addresses lead to French', async () => {
    const french = await readFile(join(dist, 'fr', 'apis', 'registre', 'index.html'), 'utf8');
    const english = await readFile(join(dist, 'en', 'apis', 'registre', 'index.html'), 'utf8');
    assert.equal(readLang(french), 'fr');
    assert.equal(readLang(english), 'en');
    for (const html of [french, english]) {
      assert.ok(html.includes('<link rel="alternate" hreflang="fr" href="/x/fr/apis/registre/">'));
      assert.ok(html.includes('<link rel="alternate" hreflang="en" href="/x/en/apis/registre/">'));
      assert.ok(
        html.includes('<link rel="alternate" hreflang="x-default" href="/x/fr/apis/registre/">'),
      );
    }
    const home = await readFile(join(dist, 'index.html'), 'utf8');
    assert.match(home, /http-equiv="refresh" content="0;url=\/x\/fr\/"/);
    const formerApiPage = await readFile(join(dist, 'apis', 'registre', 'index.html'), 'utf8');
    assert.match(formerApiPage, /content="0;url=\/x\/fr\/apis\/registre\/"/);
    // Files are the same in every language: written once, at the base.
    await access(join(dist, 'catalog.json'));
    await assert.rejects(access(join(dist, 'fr', 'catalog.json')));
    const rootFiles = await readdir(dist, { recursive: true });
    assert.ok(rootFiles.some((file) => file.endsWith('openapi.json')));
    for (const language of ['fr', 'en']) {
      const files = await readdir(join(dist, language), { recursive: true });
      assert.deepEqual(
        files.filter((file) => /\.(?:json|md|txt)$/.test(file)),
        [],
        `${language}/ holds files`,
      );
    }
  });

  test('an unknown address gets the 404 page of its language', async () => {
    const server = createStaticServer({ dir: dist, base: '/x/' });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
      const english = await fetch(`${origin}/x/en/no-such-page/`);
      assert.equal(english.status, 404);
      assert.equal(readLang(await english.text()), 'en');
      const french = await fetch(`${origin}/x/no-such-page/`);
      assert.equal(french.status, 404);
      assert.equal(readLang(await french.text()), 'fr');
    } finally {
      server.close();
    }
  });
});
