/**
 * Branch names built to take over another branch's preview: GitLab's slug rule maps `Main`,
 * `main/` and `MAIN--` to `main`, the folder (and URL) of the `main` branch's preview, whose
 * sandbox data holds that branch's store, secret, admin token and issued keys. Each runs the real
 * `npm run build:preview` against a previews folder already holding the preview of `main`.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { previewFiles, writePreviewManifest } from '../../scripts/lib/previews/preview-manifest.ts';
import { runCommand } from '../integration/commands/helpers/run-command.ts';

let previewsDir: string;
let mainDir: string;
let manifestBefore: string;

before(async () => {
  previewsDir = await mkdtemp(join(tmpdir(), 'guichet-previews-slug-'));
  mainDir = join(previewsDir, 'main');
  await mkdir(join(mainDir, previewFiles.sandboxData), { recursive: true });
  await writeFile(join(mainDir, previewFiles.sandboxData, 'admin-token'), 'main-admin-token\n');
  await writePreviewManifest(mainDir, {
    formatVersion: 1,
    branch: 'main',
    slug: 'main',
    commit: null,
    builtAt: new Date().toISOString(),
    audience: 'internal',
  });
  manifestBefore = await readFile(join(mainDir, previewFiles.manifest), 'utf8');
});

after(async () => {
  await rm(previewsDir, { recursive: true, force: true });
});

/** Runs build:preview for `branch` into the shared previews folder. */
function buildPreviewOf(branch: string, apisDir = 'test/e2e-previews/fixtures/apis') {
  return runCommand(
    'scripts/build-preview.ts',
    ['--branch', branch, '--previews-dir', previewsDir],
    {
      APIS_DIR: apisDir,
    },
  );
}

/** The preview of main is as it was: same manifest, same data, nothing added beside it. */
async function assertMainUntouched(): Promise<void> {
  assert.equal(await readFile(join(mainDir, previewFiles.manifest), 'utf8'), manifestBefore);
  assert.equal(
    await readFile(join(mainDir, previewFiles.sandboxData, 'admin-token'), 'utf8'),
    'main-admin-token\n',
  );
  assert.deepEqual((await readdir(mainDir)).sort(), ['preview.json', 'sandbox']);
  assert.deepEqual(await readdir(previewsDir), ['main']);
}

describe('a branch whose slug is another branch’s preview is refused, that preview kept', () => {
  for (const branch of ['Main', 'main/', 'MAIN--', ' -main- ']) {
    test(`--branch ${JSON.stringify(branch)} (slug main, taken by the branch main)`, async () => {
      const run = await buildPreviewOf(branch);
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.stdout, '');
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      const shown = JSON.stringify(branch.trim());
      assert.ok(lines[0]?.startsWith('build:preview: --branch — '), run.stderr);
      assert.ok(lines[0]?.includes(shown), run.stderr);
      assert.ok(lines[0]?.includes('"main"'), run.stderr);
      assert.match(lines[0] ?? '', / — rename the branch/);
      await assertMainUntouched();
    });
  }

  test('the branch main itself is not refused (it rebuilds its own preview)', async () => {
    // A broken APIs folder stops the build after the check: what it prints is the catalog's.
    const run = await buildPreviewOf('main', 'test/fixtures/catalog/invalid/document-syntax');
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stderr, /rename the branch/);
    assert.match(run.stderr, /the portal was not built/);
  });
});
