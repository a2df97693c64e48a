import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem } from '../../catalog/problems.ts';
import { loadPortalFile } from '../../config/load-portal-file.ts';
import { createStaticServer } from '../../scripts/lib/portal/create-static-server.ts';

/**
 * portal.yaml's languages become path prefixes of every page (`en/…`) and the static server
 * picks a 404 page from a request's first segment: a hostile language list is refused by the
 * real loader before anything is built, and no request path makes the server read outside the
 * built portal.
 */
let root = '';
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'guichet-hostile-languages-'));
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

describe('hostile languages in portal.yaml', () => {
  test('a language that would climb out of the portal as a path prefix is refused', async () => {
    const { identity, report } = await load("languages: [fr, '../..']");
    assert.equal(identity, undefined);
    assert.match(report, /portal\.yaml:1 — languages\.1 — must be one of fr, en/);
  });

  test('a language carrying markup is refused', async () => {
    const { identity, report } = await load("languages: ['\"><script>alert(1)</script>']");
    assert.equal(identity, undefined);
    assert.match(report, /languages\.0 — must be one of fr, en/);
  });

  test('a language listed thousands of times is refused once, without building anything', async () => {
    const { identity, problems } = await load(`languages: [${Array(5000).fill('fr').join(', ')}]`);
    assert.equal(identity, undefined);
    assert.deepEqual(
      problems.map((problem) => `${problem.field} — ${problem.message}`),
      ['languages — lists fr twice'],
    );
  });

  test('languages written as one string, or as none, are refused', async () => {
    const text = await load('languages: fr');
    assert.equal(text.identity, undefined);
    assert.match(text.report, /languages — /);
    const none = await load('languages: []');
    assert.equal(none.identity, undefined);
    assert.match(none.report, /languages — /);
  });

  test('a default language left out of the languages built is refused', async () => {
    const { identity, report } = await load('language: fr\nlanguages: [en]');
    assert.equal(identity, undefined);
    assert.match(report, /languages — must include the default language "fr"/);
  });

  test('prefixDefaultLanguage other than true or false is refused', async () => {
    const { identity, report } = await load("prefixDefaultLanguage: 'yes; rm -rf /'");
    assert.equal(identity, undefined);
    assert.match(report, /prefixDefaultLanguage — /);
  });
});

describe('the static server’s 404 page per language', () => {
  let dist = '';
  const secret = 'outside-s3cr3t';
  before(async () => {
    const dir = await mkdtemp(join(root, 'served-'));
    dist = join(dir, 'dist');
    await mkdir(join(dist, 'en', '404'), { recursive: true });
    await writeFile(join(dist, '404.html'), '<html lang="fr">introuvable</html>');
    await writeFile(join(dist, 'en', '404', 'index.html'), '<html lang="en">not found</html>');
    // A 404 page beside the portal, where a climbing path would find it.
    await mkdir(join(dir, 'xx', '404'), { recursive: true });
    await writeFile(join(dir, 'xx', '404', 'index.html'), secret);
    await writeFile(join(dir, '404.html'), secret);
  });

  for (const path of [
    '/en/%2e%2e/%2e%2e/404.html',
    '/..%2f404.html',
    '/../xx/nothing',
    '/%2e%2e/xx/nothing',
    '/EN/nothing',
  ]) {
    test(`${path} gets the portal's own 404 page, nothing from outside it`, async () => {
      const server = createStaticServer({ dir: dist });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      try {
        const { port } = server.address() as AddressInfo;
        const response = await fetch(`http://127.0.0.1:${String(port)}${path}`);
        const body = await response.text();
        assert.ok(!body.includes(secret), body);
        // A browser's URL parser folds `%2e%2e` first: `/404.html` of the portal itself.
        assert.ok([200, 404].includes(response.status), String(response.status));
        assert.match(body, /not found|introuvable/);
      } finally {
        server.close();
      }
    });
  }
});
