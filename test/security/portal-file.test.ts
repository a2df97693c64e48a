import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem } from '../../catalog/problems.ts';
import { loadPortalFile } from '../../config/load-portal-file.ts';

/**
 * `portal.yaml` comes in pull requests like everything else: its name, links, colour and logo
 * land in every page. Each hostile value is refused by the real loader with a problem (and the
 * build stops), or made harmless; nothing outside its folder is read.
 */
let root = '';
const secret = 'machine-secret-s3cr3t';
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'guichet-hostile-portal-'));
  await mkdir(join(root, 'elsewhere'));
  await writeFile(join(root, 'elsewhere', 'logo.svg'), `<svg>${secret}</svg>`);
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function load(text: string, setUp?: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(join(root, 'repo-'));
  await setUp?.(dir);
  await writeFile(join(dir, 'portal.yaml'), text);
  const result = await loadPortalFile(join(dir, 'portal.yaml'));
  const report = result.problems.map(formatProblem).join('\n');
  assert.ok(
    !report.includes('s3cr3t') && !JSON.stringify(result.identity ?? {}).includes('s3cr3t'),
  );
  return { ...result, report };
}

describe('hostile portal.yaml', () => {
  test('a logo linked to a file outside the repository is refused, never read', async () => {
    const { identity, report } = await load('logo: logo.svg', (dir) =>
      symlink(join(root, 'elsewhere', 'logo.svg'), join(dir, 'logo.svg')),
    );
    assert.equal(identity, undefined);
    assert.match(report, /logo\.svg:1 — \(file\) — .*outside/);
  });

  test('a logo path climbing out of the folder is refused', async () => {
    const { identity, report } = await load('logo: ../elsewhere/logo.svg');
    assert.equal(identity, undefined);
    assert.match(report, /outside/);
  });

  test('a colour that would write CSS of its own is refused', async () => {
    const { identity, report } = await load("colours: { primary: '#000; } body { display: none' }");
    assert.equal(identity, undefined);
    assert.match(report, /colours\.primary — must be a colour written #rgb or #rrggbb/);
  });

  for (const href of [
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/phish',
    'http://evil.example/',
    'https://ok.example/"><script>alert(1)</script>',
  ]) {
    test(`a footer link to ${href} is refused`, async () => {
      const { identity, report } = await load(
        `footerLinks:\n  - label: Mentions légales\n    href: ${JSON.stringify(href)}\n`,
      );
      assert.equal(identity, undefined);
      assert.match(report, /footerLinks\.0\.href — must be an https:\/\/ address/);
    });
  }

  test('an accessibility contact URL to javascript: is refused', async () => {
    const { identity, report } = await load(
      'accessibility:\n  contact:\n    url: "javascript:alert(1)"\n',
    );
    assert.equal(identity, undefined);
    assert.match(report, /accessibility\.contact\.url — must be an https:\/\/ address/);
  });

  test('an SVG logo with a script is only ever a data: image, never markup', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const { identity } = await load('logo: logo.svg', (dir) =>
      writeFile(join(dir, 'logo.svg'), svg),
    );
    assert.match(identity?.logoUrl ?? '', /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/);
  });

  test('a YAML alias bomb is refused at once', async () => {
    const lines = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`];
    for (const name of 'bcdefghi') {
      const below = String.fromCharCode(name.charCodeAt(0) - 1);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${below}`).join(', ')}]`);
    }
    const { identity, report } = await load(`${lines.join('\n')}\n`);
    assert.equal(identity, undefined);
    assert.match(report, /alias/i);
  });

  test('a name as long as a page is refused', async () => {
    const { identity, report } = await load(`name: ${'x'.repeat(5000)}\n`);
    assert.equal(identity, undefined);
    assert.match(report, /portal\.yaml:1 — name — /);
  });
});
