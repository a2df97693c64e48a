import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { parseDocument } from 'yaml';
import { createStaticServer } from '../../../scripts/lib/portal/create-static-server.ts';
import {
  createHostileRepo,
  documentWithPathItem,
  type HostileRepo,
} from '../../security/helpers/hostile-repo.ts';

const goodPath = ['get:', '  summary: List', '  responses:', "    '200':", '      description: OK'];

/** An API with a tag and an operation without one: the reference names both groups. */
const taggedDocument = [
  'openapi: 3.0.3',
  'info: { title: Annuaire, version: 1.0.0 }',
  'tags: [{ name: Agents }]',
  'paths:',
  '  /agents:',
  "    get: { summary: Lister les agents, tags: [Agents], responses: { '200': { description: OK } } }",
  '  /sante:',
  "    get: { summary: État du service, responses: { '200': { description: OK } } }",
  '',
].join('\n');

/**
 * The split fixture API of the end-to-end run (one page per tag, each tag cut in parts), public
 * here, with its Régions operations left without a tag: they become the last group, cut too.
 */
async function readSplitDocument(): Promise<string> {
  const document = parseDocument(
    await readFile('test/e2e/fixtures/apis/collectivites/openapi.yaml', 'utf8'),
  );
  const paths = document.get('paths') as { items: { key: { value: string } }[] };
  for (const { key } of paths.items) {
    if (key.value.startsWith('/regions/')) document.deleteIn(['paths', key.value, 'get', 'tags']);
  }
  return document.toString();
}

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
      'apis/annuaire/openapi.yaml': taggedDocument,
      'apis/collectivites/openapi.yaml': await readSplitDocument(),
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

  test('the reference names its groups and their parts in the language of each page', async () => {
    const read = (language: string, path: string): Promise<string> =>
      readFile(join(dist, language, 'apis', ...path.split('/'), 'index.html'), 'utf8');
    const words = {
      fr: { other: 'Autres opérations', part: (index: number) => ` (${String(index)} sur ` },
      en: { other: 'Other operations', part: (index: number) => ` (${String(index)} of ` },
    };
    for (const [language, own] of Object.entries(words)) {
      const foreign = language === 'fr' ? words.en : words.fr;
      // One page: the group of operations without a tag, heading and sidebar.
      const page = await read(language, 'annuaire');
      assert.match(page, new RegExp(`<h3 id="tag-other">\\s*${own.other}\\s*</h3>`));
      assert.ok(!page.includes(foreign.other), `${language}: ${foreign.other}`);
      // Split: the overview lists each part of each group; a part's page is titled by it.
      const overview = await read(language, 'collectivites');
      for (const group of ['Départements', own.other]) {
        assert.ok(overview.includes(`${group}${own.part(2)}`), `${language}: ${group} part 2`);
      }
      assert.ok(!overview.includes(foreign.other), `${language}: ${foreign.other}`);
      assert.ok(!overview.includes(foreign.part(2)), `${language}: ${foreign.part(2)}`);
      const part = await read(language, 'collectivites/v1/tags/other-operations-2');
      assert.match(part, new RegExp(`<title>${own.other}${own.part(2).replace('(', '\\(')}`));
      assert.match(part, new RegExp(`<h2 id="tag-other">\\s*${own.other}\\s*</h2>`));
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
