import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { createRepository, diff, owner, writeAfter } from './helpers/diff-repository.ts';

describe('npm run diff applies the breaking-change policy', () => {
  const repos: string[] = [];
  let stable: string;
  before(async () => {
    stable = await createRepository(`title: Declarations\n${owner}`);
    repos.push(stable);
  });
  after(async () => {
    await Promise.all(repos.map((repo) => rm(repo, { recursive: true, force: true })));
  });

  test('nothing changed: nothing to report, success', async () => {
    const { code, report } = await diff(stable);
    assert.equal(code, 0);
    assert.match(report, /No API changed\./);
  });

  test('a stable API that breaks within its major version fails, with each change classified', async () => {
    await writeAfter(stable, '1.1.0');
    const { code, report } = await diff(stable);
    assert.equal(code, 1);
    assert.match(
      report,
      /\| Declarations \(`declarations`\) \| v1 1\.0\.0 → 1\.1\.0 \| stable \| 8 change\(s\) \| 6 \| fails: breaking without a new major version \|/,
    );
    assert.match(
      report,
      /- \*\*breaking\*\* `DELETE \/declarations\/\{id\}` — \[Removed\] operation DELETE \/declarations\/\{id\}/,
    );
    assert.match(
      report,
      /- compatible `GET \/declarations\/\{id\}\/receipt` — \[Added\] operation GET \/declarations\/\{id\}\/receipt/,
    );
    assert.match(
      report,
      /`declarations`: stable version v1 has 6 breaking change\(s\) but stays at major version 1 \(1\.0\.0 → 1\.1\.0\) — fails the check\./,
    );
  });

  test('the same change as a new major version passes', async () => {
    await writeAfter(stable, '2.0.0');
    const { code, report } = await diff(stable);
    assert.equal(code, 0);
    assert.match(
      report,
      /\| v1 → v2 1\.0\.0 → 2\.0\.0 \| stable \| 8 change\(s\) \| 6 \| ok: new major version \|/,
    );
  });

  test('an API whose policy is warn is reported but does not fail', async () => {
    const repo = await createRepository(`title: Declarations\n${owner}breakingChanges: warn\n`);
    repos.push(repo);
    await writeAfter(repo, '1.1.0');
    const { code, report } = await diff(repo);
    assert.equal(code, 0);
    assert.match(report, /warning: breaking without a new major version/);
    assert.match(report, /reported only \(policy: warn\)/);
  });

  test('a beta API may break', async () => {
    const repo = await createRepository(`title: Declarations\n${owner}lifecycle: beta\n`);
    repos.push(repo);
    await writeAfter(repo, '1.1.0');
    const { code, report } = await diff(repo);
    assert.equal(code, 0);
    assert.match(report, /\| beta \| 8 change\(s\) \| 6 \| ok: beta version \|/);
  });
});
