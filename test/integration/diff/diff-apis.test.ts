import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = resolve('scripts/diff-apis.ts');
const fixtures = resolve('test/fixtures/diff/openapi-3.0');

/** A throwaway git repository holding one API, committed at its "before" state. */
async function createRepository(metadata: string): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), 'guichet-diff-test-'));
  await mkdir(join(repo, 'apis/declarations'), { recursive: true });
  await writeFile(join(repo, 'apis/declarations/api.yaml'), metadata);
  await cp(join(fixtures, 'before.yaml'), join(repo, 'apis/declarations/openapi.yaml'));
  const git = (...args: string[]) => run('git', args, { cwd: repo });
  await git('init', '-q', '-b', 'main');
  await git(
    '-c',
    'user.name=Owner',
    '-c',
    'user.email=owner@example.org',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'empty',
  );
  await git('add', '-A');
  await git(
    '-c',
    'user.name=Owner',
    '-c',
    'user.email=owner@example.org',
    'commit',
    '-q',
    '-m',
    'Publish declarations',
  );
  return repo;
}

/** Runs `npm run diff -- --base HEAD` in the repository, as a pull request's CI would. */
async function diff(repo: string): Promise<{ code: number; report: string }> {
  try {
    const { stdout } = await run(process.execPath, [cli, '--base', 'HEAD'], { cwd: repo });
    return { code: 0, report: stdout };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { code, report: stdout };
  }
}

async function writeAfter(repo: string, version: string): Promise<void> {
  const text = (await readFile(join(fixtures, 'after.yaml'), 'utf8')).replace(
    'version: 1.1.0',
    `version: ${version}`,
  );
  await writeFile(join(repo, 'apis/declarations/openapi.yaml'), text);
}

const owner = 'owner: { team: Tax office, email: tax@example.org }\n';

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
