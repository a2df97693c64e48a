import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadCatalog, type CatalogApi } from '../../catalog/index.ts';
import { toConsoleDocument } from '../../catalog/openapi/console-document.ts';
import { createHostileRepo } from './helpers/hostile-repo.ts';

/**
 * A page must never load anything from another host, whatever the owners wrote. Browsers read
 * URLs by the WHATWG rules: a backslash is a slash, leading spaces and tabs are dropped, `http:/x`
 * and `/\x` name another host. Each URL below is one way to write a remote image; each is put
 * into an API description, an operation description and a guide, loaded through the real
 * catalog, and looked for in the HTML of the API page, the operation, the guide and the
 * console's document. None may be left where a browser fetches it by itself.
 */
const remoteForms: [name: string, html: string][] = [
  ['/\\host (slash, backslash)', '<img src="/\\evil.example/f01.png">'],
  ['http:\\\\host\\path (backslashes throughout)', '<img src="http:\\\\evil.example\\f02.png">'],
  [
    '<picture><source srcset> on another host',
    '<picture><source srcset="http://evil.example/f03.png"><img src="ok.png"></picture>',
  ],
  ['\\\\host (two backslashes)', '<img src="\\\\evil.example/f04.png">'],
  ['a tab before //host', '<img src="\t//evil.example/f05.png">'],
  ['a space before //host', '<img src=" //evil.example/f06.png">'],
  ['\\/host (backslash, slash)', '<img src="\\/evil.example/f07.png">'],
  ['http:/host (one slash)', '<img src="http:/evil.example/f08.png">'],
  [
    'a srcset whose second candidate is on another host',
    '<picture><source srcset="/f09-local.png 1x, http://evil.example/f09.png 2x"><img src="ok.png"></picture>',
  ],
  ['https:host (no slash, on an http page)', '<img src="https:evil.example/f10.png">'],
  ['a Markdown image ![](http:/host)', '![chart](http:/evil.example/f11.png)'],
  [
    'a srcset with a comma inside the URL',
    '<picture><source srcset="/f12-local.png,//evil.example/f12.png 2x"><img src="ok.png"></picture>',
  ],
  ['a newline inside //host', '<img src="/\n/evil.example/f13.png">'],
];

/** Attributes through which an element loads something by itself, as the browser reads them. */
const loadingAttribute =
  /<([a-z][a-z0-9]*)\b[^>]*?\s(src|srcset|poster|data|background|action|formaction|ping|lowsrc|dynsrc)="([^"]*)"/gi;

function loadedUrls(html: string): string[] {
  return [...html.matchAll(loadingAttribute)].map((match) => match[3] ?? '');
}

/** `\` in the HTML is written `\\` in the console's JSON: read it back as HTML first. */
function consoleHtml(api: CatalogApi): string {
  const version = api.versions[0];
  assert.ok(version);
  return JSON.stringify(toConsoleDocument(version.document))
    .replaceAll('\\"', '"')
    .replaceAll('\\\\', '\\')
    .replaceAll('\\n', '\n')
    .replaceAll('\\t', '\t');
}

const allForms = remoteForms.map(([, html]) => html).join('\n\n');
const sameOrigin = [
  '<img src="/f90.png" alt="local">',
  '<img src="f91.png" alt="relative">',
  '<picture><source srcset="/f92.png 1x, f93.png 2x"><img src="f94.png"></picture>',
  '<a href="https://example.org/docs">docs</a>',
  '<a href="/\\evil.example/f95">odd link</a>',
].join('\n\n');

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => `${' '.repeat(spaces)}${line}`)
    .join('\n');
}

let api: CatalogApi;
let pages: Record<string, string>;
let remove: () => Promise<void>;

before(async () => {
  const markdown = `${allForms}\n\n${sameOrigin}`;
  const repo = await createHostileRepo({
    'apis/hostile/openapi.yaml': [
      'openapi: 3.1.0',
      'info:',
      '  title: Hostile',
      '  version: 1.0.0',
      '  description: |',
      indent(markdown, 4),
      'paths:',
      '  /things:',
      '    get:',
      '      description: |',
      indent(markdown, 8),
      '      responses:',
      "        '200': { description: OK }",
      '',
    ].join('\n'),
    'apis/hostile/guides/01-start.md': `# Start\n\n${markdown}\n`,
  });
  remove = repo.remove;
  const result = await loadCatalog({ apisDir: repo.apisDir, audience: 'internal' });
  assert.deepEqual(result.problems, []);
  const loaded = result.catalog.apis[0];
  assert.ok(loaded);
  api = loaded;
  pages = {
    'the API page': api.descriptionHtml,
    'the operation': api.versions[0]?.operations[0]?.descriptionHtml ?? '',
    'the guide': api.guides[0]?.html ?? '',
    'the console’s document': consoleHtml(api),
  };
});

after(async () => {
  await remove();
});

describe('no URL form makes a page load from another host', () => {
  remoteForms.forEach(([name], index) => {
    const marker = `f${String(index + 1).padStart(2, '0')}.png`;
    test(name, () => {
      for (const [page, html] of Object.entries(pages)) {
        assert.ok(html.length > 0, `${page} was rendered`);
        const loaded = loadedUrls(html).filter((url) => url.includes(marker));
        assert.deepEqual(loaded, [], `${page} loads ${marker}`);
      }
    });
  });

  test('same-origin images and sources, and links elsewhere, are kept', () => {
    for (const [page, html] of Object.entries(pages)) {
      const loaded = loadedUrls(html);
      for (const url of ['/f90.png', 'f91.png', '/f92.png 1x, f93.png 2x', 'f94.png']) {
        assert.ok(loaded.includes(url), `${page} keeps ${url}: ${loaded.join(' | ')}`);
      }
      assert.match(html, /<a href="https:\/\/example\.org\/docs" rel="noopener noreferrer">/);
      // A link to another host is fine (a click, not a load), but hands over no referrer.
      assert.match(html, /<a href="\/\\evil\.example\/f95" rel="noopener noreferrer">/);
    }
  });
});
