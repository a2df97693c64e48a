import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem } from '../../../catalog/problems.ts';
import { loadPortalFile } from '../../../config/load-portal-file.ts';

let folder = '';
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'guichet-portal-file-'));
});
after(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Writes `portal.yaml` (and other files) into a folder of its own, then loads it. */
async function load(text: string, files: Record<string, string> = {}) {
  const dir = await mkdtemp(join(folder, 'case-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  await writeFile(join(dir, 'portal.yaml'), text);
  const result = await loadPortalFile(join(dir, 'portal.yaml'));
  return {
    ...result,
    lines: result.problems.map((problem) => formatProblem(problem).replace(`${dir}/`, '')),
  };
}

describe('portal.yaml', () => {
  test('a repository without one builds the French portal with guichet’s defaults', async () => {
    const { identity, problems } = await loadPortalFile(join(folder, 'absent.yaml'));
    assert.deepEqual(problems, []);
    assert.ok(identity);
    assert.equal(identity.language, 'fr');
    assert.equal(identity.name, 'guichet');
    assert.equal(identity.colours.primary, '#0b4fa8');
    assert.equal(identity.accessibility.compliance, 'none');
    assert.equal(identity.logoUrl, undefined);
  });

  test('reads the identity, with the logo inlined as a data: URL', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    const { identity, problems } = await load(
      [
        'language: en',
        'name: API Exemple',
        "organisation: Ministère de l'Exemple",
        'logo: logo.svg',
        "colours: { primary: '#000091' }",
        'footerLinks:',
        '  - { label: Mentions légales, href: /mentions-legales/ }',
        'accessibility: { compliance: partial, rate: 82 }',
      ].join('\n'),
      { 'logo.svg': svg },
    );
    assert.deepEqual(problems, []);
    assert.ok(identity);
    assert.equal(identity.language, 'en');
    assert.equal(identity.organisation, "Ministère de l'Exemple");
    assert.equal(
      identity.logoUrl,
      `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    );
    assert.deepEqual(identity.footerLinks, [
      { label: 'Mentions légales', href: '/mentions-legales/' },
    ]);
    assert.equal(identity.accessibility.rate, 82);
  });

  test('the commented template for a ministry is valid', async () => {
    const { identity, problems } = await loadPortalFile('templates/portal/portal.yaml');
    assert.deepEqual(problems, []);
    assert.ok(identity);
    assert.equal(identity.organisation, "Ministère de l'Exemple");
    assert.match(identity.logoUrl ?? '', /^data:image\/svg\+xml;base64,/);
  });

  test('every mistake is a file:line — field — message — hint problem', async () => {
    const { identity, lines } = await load(
      [
        'language: de',
        'colours:',
        "  primary: 'red'",
        'footerLinks:',
        '  - { label: x, href: "javascript:alert(1)" }',
        'nmae: typo',
      ].join('\n'),
    );
    assert.equal(identity, undefined);
    assert.deepEqual(lines, [
      'portal.yaml:1 — language — must be one of fr, en (got "de") — did you mean "fr"?',
      "portal.yaml:3 — colours.primary — must be a colour written #rgb or #rrggbb — write the colour in hexadecimal, such as '#000091'",
      'portal.yaml:5 — footerLinks.0.href — must be an https:// address or a path of the portal starting with / — write https://… for another site, /page/ for a page of this portal',
      'portal.yaml:6 — nmae — is not a known field — did you mean "name"?',
    ]);
  });

  test('a primary colour white text cannot be read on is refused', async () => {
    const { identity, lines } = await load("colours: { primary: '#7fb2ff' }");
    assert.equal(identity, undefined);
    assert.deepEqual(lines, [
      'portal.yaml:1 — colours.primary — white text on #7fb2ff has a contrast of 2.2:1, under the 4.5:1 WCAG asks — choose a darker colour (buttons write white text on it)',
    ]);
  });

  test('a repository without one builds its one default language at the root', async () => {
    const { identity } = await loadPortalFile(join(folder, 'absent.yaml'));
    assert.ok(identity);
    assert.deepEqual(identity.languages, ['fr']);
    assert.equal(identity.prefixDefaultLanguage, false);
  });

  test('languages lists the languages built; language, the default, is one of them', async () => {
    const both = await load('language: en\nlanguages: [fr, en]\nprefixDefaultLanguage: true');
    assert.deepEqual(both.problems, []);
    assert.ok(both.identity);
    assert.deepEqual(both.identity.languages, ['fr', 'en']);
    assert.equal(both.identity.language, 'en');
    assert.equal(both.identity.prefixDefaultLanguage, true);
    // Written without `languages`, a portal builds the language it names, as before.
    const english = await load('language: en');
    assert.deepEqual(english.identity?.languages, ['en']);
    const outside = await load('language: en\nlanguages: [fr]');
    assert.equal(outside.identity, undefined);
    assert.deepEqual(outside.lines, [
      'portal.yaml:2 — languages — must include the default language "en" — add en to languages, or set language to one of them',
    ]);
    const twice = await load('languages: [fr, fr]');
    assert.deepEqual(twice.lines, [
      'portal.yaml:1 — languages — lists fr twice — list each language once',
    ]);
  });

  test('a logo that is not SVG or PNG, missing or too large is refused', async () => {
    const gif = await load('logo: logo.gif', { 'logo.gif': 'GIF89a' });
    assert.deepEqual(gif.lines, [
      'portal.yaml:1 — logo — must be an .svg or .png file — export the logo as SVG or PNG',
    ]);
    const missing = await load('logo: none.svg');
    assert.equal(missing.identity, undefined);
    assert.match(
      missing.lines[0] ?? '',
      /^portal\.yaml:1 — logo — .*none\.svg does not exist — give the logo path from the folder of portal\.yaml$/,
    );
    const large = await load('logo: big.png', { 'big.png': 'x'.repeat(70_000) });
    assert.deepEqual(large.lines, [
      'portal.yaml:1 — logo — is 70000 bytes, over 65536 — simplify the SVG or shrink the PNG',
    ]);
  });
});
