import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem } from '../../../catalog/problems.ts';
import { loadPortalFile } from '../../../config/load-portal-file.ts';

let folder = '';
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'guichet-portal-theme-'));
});
after(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function load(text: string) {
  const dir = await mkdtemp(join(folder, 'case-'));
  await writeFile(join(dir, 'portal.yaml'), text);
  const result = await loadPortalFile(join(dir, 'portal.yaml'));
  return { ...result, lines: result.problems.map((problem) => formatProblem(problem)) };
}

describe('portal.yaml: the theme', () => {
  test('is neutral by default, with the State’s brand block lines', async () => {
    const { identity, problems } = await load('name: API Exemple');
    assert.deepEqual(problems, []);
    assert.ok(identity);
    assert.equal(identity.theme, 'neutral');
    assert.deepEqual(identity.brandBlock, ['République', 'Française']);
  });

  test('dsfr takes the ministry’s brand block, one line per entry', async () => {
    const { identity, problems } = await load(
      ['theme: dsfr', 'brandBlock:', '  - Ministère', "  - de l'Exemple"].join('\n'),
    );
    assert.deepEqual(problems, []);
    assert.ok(identity);
    assert.equal(identity.theme, 'dsfr');
    assert.deepEqual(identity.brandBlock, ['Ministère', "de l'Exemple"]);
  });

  test('an unknown theme or a brand block too long is a file:line problem', async () => {
    const { identity, lines } = await load(
      ['theme: dsfr-dark', 'brandBlock: [a, b, c, d, e, f]'].join('\n'),
    );
    assert.equal(identity, undefined);
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /portal\.yaml:1 — theme — must be one of neutral, dsfr/);
    assert.match(lines[1] ?? '', /portal\.yaml:2 — brandBlock — .*5/);
  });

  test('the sample ministry portal builds with the DSFR', async () => {
    const { identity, problems } = await loadPortalFile('examples/dsfr/portal.yaml');
    assert.deepEqual(problems, []);
    assert.ok(identity);
    assert.equal(identity.theme, 'dsfr');
    assert.equal(identity.language, 'fr');
    assert.ok(identity.brandBlock.length >= 2);
  });
});
