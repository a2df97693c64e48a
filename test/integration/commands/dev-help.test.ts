import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const folder = mkdtempSync(join(tmpdir(), 'guichet-dev-help-'));
after(() => {
  rmSync(folder, { recursive: true, force: true });
});

test('npm run dev -- --help prints its usage and exits 0 before writing anything', async () => {
  const snapshot = join(folder, 'catalog.json');
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'dev', '--', '--help'],
      { env: { ...process.env, GUICHET_SNAPSHOT: snapshot } },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr });
      },
    );
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Usage: npm run dev/);
  assert.equal(existsSync(snapshot), false, 'the catalog snapshot was written before the help');
});
