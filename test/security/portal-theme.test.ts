import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import { formatProblem } from '../../catalog/problems.ts';
import { loadPortalFile } from '../../config/load-portal-file.ts';
import {
  createHostileRepo,
  documentWithPathItem,
  type HostileRepo,
} from './helpers/hostile-repo.ts';

/**
 * The theme and the DSFR's brand block come from `portal.yaml`, in a pull request like the rest:
 * the theme names the stylesheet a build takes, the brand block's lines land in every page's
 * header and footer. A theme outside the two known is refused before it names any file, an
 * oversized brand block is refused, and markup in the lines is printed as text.
 */
let root = '';
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'guichet-hostile-theme-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function load(text: string) {
  const dir = await mkdtemp(join(root, 'repo-'));
  await writeFile(join(dir, 'portal.yaml'), text);
  const result = await loadPortalFile(join(dir, 'portal.yaml'));
  return { ...result, report: result.problems.map(formatProblem).join('\n') };
}

describe('hostile portal.yaml: the theme and the brand block', () => {
  for (const theme of ['../../../etc/passwd', 'dsfr/../../secrets', 'DSFR', 'dsfr.css']) {
    test(`a theme of ${theme} is refused before it names a stylesheet`, async () => {
      const { identity, report } = await load(`theme: ${JSON.stringify(theme)}\n`);
      assert.equal(identity, undefined);
      assert.match(report, /portal\.yaml:1 — theme — must be one of neutral, dsfr/);
    });
  }

  test('a brand block line as long as a page is refused', async () => {
    const { identity, report } = await load(`theme: dsfr\nbrandBlock: [${'x'.repeat(5000)}]\n`);
    assert.equal(identity, undefined);
    assert.match(report, /portal\.yaml:2 — brandBlock\.0 — /);
  });

  test('a brand block of a thousand lines is refused', async () => {
    const lines = Array.from({ length: 1000 }, (_, index) => `l${String(index)}`).join(', ');
    const { identity, report } = await load(`brandBlock: [${lines}]\n`);
    assert.equal(identity, undefined);
    assert.match(report, /brandBlock — must list at most 5 items/);
  });

  test('a brand block that is not a list of lines is refused', async () => {
    const { identity, report } = await load('brandBlock:\n  "<script>": alert(1)\n');
    assert.equal(identity, undefined);
    assert.match(report, /portal\.yaml:\d — brandBlock — /);
  });
});

describe('a DSFR build of a hostile identity', () => {
  const markup = '<img src=x onerror=alert(1)>';
  let repo: HostileRepo | undefined;
  let home = '';
  before(async () => {
    repo = await createHostileRepo({
      'apis/honest/openapi.yaml': documentWithPathItem(
        [
          'get:',
          '  summary: List things',
          '  responses:',
          "    '200':",
          '      description: OK',
        ].join('\n'),
      ),
      'portal.yaml': [
        'theme: dsfr',
        `brandBlock: [Ministère, ${JSON.stringify(markup)}]`,
        `name: ${JSON.stringify('</title><script>alert(1)</script>')}`,
        'footerLinks:',
        `  - { label: ${JSON.stringify('<b onmouseover=alert(1)>Mentions</b>')}, href: /mentions/ }`,
      ].join('\n'),
    });
    const outDir = join(repo.root, 'dist');
    await promisify(execFile)(
      process.execPath,
      [
        'scripts/build-portal.ts',
        '--out',
        outDir,
        '--snapshot',
        join(repo.root, 'catalog.json'),
        '--portal',
        join(repo.root, 'portal.yaml'),
      ],
      { env: { ...process.env, APIS_DIR: repo.apisDir, ASTRO_TELEMETRY_DISABLED: '1' } },
    );
    home = await readFile(join(outDir, 'index.html'), 'utf8');
  });
  after(async () => {
    await repo?.remove();
  });

  /** The elements of the page, parsed as a browser would. */
  const elements = (): Element[] => {
    const found: Element[] = [];
    visit(fromHtml(home), 'element', (node) => {
      found.push(node);
    });
    return found;
  };

  test('prints the brand block’s markup as text, in the header and the footer', () => {
    assert.deepEqual(
      elements().filter((node) => node.tagName === 'img'),
      [],
    );
    const logos = elements().filter((node) =>
      String(node.properties.className ?? '').includes('fr-logo'),
    );
    assert.equal(logos.length, 2);
    for (const logo of logos) assert.match(toText(logo), /<img src=x onerror=alert\(1\)>/);
  });

  test('prints a name that closes the title as text', () => {
    const scripts = elements().filter((node) => node.tagName === 'script');
    assert.ok(scripts.every((script) => !toText(script).includes('alert(1)')));
    const title = elements().find((node) => node.tagName === 'title');
    assert.match(toText(title ?? fromHtml('')), /<\/title><script>alert\(1\)<\/script>/);
  });

  test('prints a footer link’s markup as text', () => {
    assert.deepEqual(
      elements().filter((node) => node.tagName === 'b'),
      [],
    );
    assert.ok(
      elements().some(
        (node) =>
          node.tagName === 'a' && toText(node).trim() === '<b onmouseover=alert(1)>Mentions</b>',
      ),
    );
  });
});
