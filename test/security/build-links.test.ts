import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { formatProblem, loadCatalog } from '../../catalog/index.ts';
import { copySources } from '../../scripts/lib/portal/copy-sources.ts';
import { createHostileRepo, documentWithPathItem } from './helpers/hostile-repo.ts';

/**
 * The build is what copies owners' files into the portal (`source/` downloads) and what writes
 * the snapshot the pages and the sandbox read: a link leaving its API folder must reach neither.
 */
const secret = 'machine-secret-s3cr3t';
const thingsPath = [
  'get:',
  '  summary: List things',
  '  responses:',
  "    '200':",
  '      description: OK',
].join('\n');

describe('the build publishes nothing a link brings in from outside', () => {
  test('a file swapped for a link to a secret after the catalog read it is not copied', async () => {
    const repo = await createHostileRepo({
      'apis/hostile/openapi.yaml': documentWithPathItem('$ref: ./paths/things.yaml'),
      'apis/hostile/paths/things.yaml': thingsPath,
      'secrets/token': secret,
    });
    const outDir = await mkdtemp(join(tmpdir(), 'guichet-hostile-out-'));
    try {
      const { catalog, failed } = await loadCatalog({
        apisDir: repo.apisDir,
        audience: 'internal',
      });
      assert.equal(failed, false);
      const swapped = join(repo.apisDir, 'hostile', 'paths', 'things.yaml');
      await unlink(swapped);
      await symlink(join(repo.root, 'secrets', 'token'), swapped);

      const sources = await copySources(catalog, outDir);
      assert.equal(sources.copied, 1);
      assert.deepEqual(
        sources.refused.map((problem) => formatProblem(problem).replaceAll(`${repo.root}/`, '')),
        [
          'apis/hostile/paths/things.yaml:1 — (file) — no longer leads inside its API folder, so it was not published — build again from a clean checkout: the file changed while the portal was built',
        ],
      );
      await assert.rejects(
        readFile(join(outDir, 'apis/hostile/v1/source/paths/things.yaml'), 'utf8'),
        { code: 'ENOENT' },
      );
    } finally {
      await repo.remove();
      await rm(outDir, { recursive: true, force: true });
    }
  });

  test('npm run build leaves out an API whose guide links to .git/config, and writes none of it', async () => {
    const repo = await createHostileRepo({
      '.git/config': `[core]\n${secret}\n`,
      'apis/hostile/openapi.yaml': documentWithPathItem(thingsPath),
      'apis/hostile/guides/01-config.md': { linkTo: '../../../.git/config' },
      'apis/honest/openapi.yaml': documentWithPathItem(thingsPath),
    });
    const snapshot = join(repo.root, 'snapshot.json');
    try {
      const run = await promisify(execFile)(
        process.execPath,
        ['scripts/build-portal.ts', '--snapshot-only', '--snapshot', snapshot],
        { env: { ...process.env, APIS_DIR: repo.apisDir } },
      ).then(
        (done) => ({ ...done, code: 0 }),
        (error: unknown) => error as { stdout: string; stderr: string; code: number },
      );
      const output = `${run.stdout}${run.stderr}`.replaceAll(`${repo.root}/`, '');
      assert.ok(
        output.includes(
          'apis/hostile/guides/01-config.md:1 — (file) — is a symbolic link to a file outside apis/hostile — put the file itself here instead of a link: nothing outside apis/hostile is read',
        ),
        output,
      );
      assert.ok(!output.includes(secret));
      assert.equal(run.code, 0, 'the honest API is built');
      const written = await readFile(snapshot, 'utf8');
      assert.ok(!written.includes(secret), 'the snapshot holds nothing of .git/config');
      assert.deepEqual(
        (JSON.parse(written) as { apis: { id: string }[] }).apis.map((api) => api.id),
        ['honest'],
      );
    } finally {
      await repo.remove();
    }
  });
});
