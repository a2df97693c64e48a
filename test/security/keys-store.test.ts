/**
 * The keys command (`npm run keys`, a real child process) on a store it must not trust or must
 * not create: a damaged file is named with what to do and never written to, and a reading
 * command on a folder with no store says so and leaves the folder as it was.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const cli = join(import.meta.dirname, '..', '..', 'scripts', 'manage-keys.ts');
const root = mkdtempSync(join(tmpdir(), 'guichet-security-keys-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run keys -- <args>` as an administrator would, the data folder from the environment. */
function runKeys(dataDir: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: { ...process.env, GUICHET_SANDBOX_DIR: dataDir } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const digest = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

let damagedDir: string;
let damagedStore: string;

before(async () => {
  // A real store with a key in it, then its last page overwritten, as a disk fault would leave
  // it: a page `create` never reads, so only a check of the whole file finds the damage.
  damagedDir = join(root, 'damaged');
  const created = await runKeys(damagedDir, ['create', '--app', 'Avant', '--api', 'jours-feries']);
  assert.equal(created.code, 0, created.stderr);
  damagedStore = join(damagedDir, 'gateway.sqlite');
  const bytes = readFileSync(damagedStore);
  assert.ok(bytes.length > 3 * 4096, `the store is only ${String(bytes.length)} bytes`);
  bytes.fill(0xa5, bytes.length - 4096);
  writeFileSync(damagedStore, bytes);
  rmSync(`${damagedStore}-wal`, { force: true });
  rmSync(`${damagedStore}-shm`, { force: true });
});
after(() => {
  rmSync(root, { recursive: true, force: true });
});

/** One line on stderr naming the store file and what to do, no stack trace, exit 1. */
function assertNamesDamage(run: Run): void {
  assert.equal(run.code, 1, run.stdout);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.ok(run.stderr.includes(damagedStore), `the file is not named: ${run.stderr}`);
  assert.match(run.stderr, /restore it from a backup|move it away/);
  assert.doesNotMatch(run.stderr, /\bat \S+:\d+/);
}

describe('keys on a damaged store', () => {
  test('keys list names the file and what to do', async () => {
    assertNamesDamage(await runKeys(damagedDir, ['list']));
  });

  test('keys create refuses and writes nothing', async () => {
    const before = digest(damagedStore);
    const run = await runKeys(damagedDir, ['create', '--app', 'Après', '--api', 'jours-feries']);
    assertNamesDamage(run);
    assert.doesNotMatch(run.stdout, /gk_/);
    assert.equal(digest(damagedStore), before, 'the damaged store was written to');
  });
});

describe('keys with no store yet', () => {
  test('keys list on a folder that does not exist creates nothing', async () => {
    const dataDir = join(root, 'nowhere');
    const run = await runKeys(dataDir, ['list']);
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /no sandbox store/i);
    assert.match(run.stderr, /start the sandbox|create a key/);
    assert.equal(existsSync(dataDir), false, 'the data folder was created');
  });

  test('keys list on an empty folder leaves it empty', async () => {
    const dataDir = mkdtempSync(join(root, 'empty-'));
    const run = await runKeys(dataDir, ['list', '--json']);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stderr, /no sandbox store/i);
    assert.deepEqual(readdirSync(dataDir), []);
    assert.ok(statSync(dataDir).isDirectory());
  });
});
