import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCommand } from './helpers/run-command.ts';

/** A guard, not a measure: a command that built instead would take long, then exit 0. */
const exitsByItself = { timeout: 120_000 };

/** The command's usage, as `--help` prints it. */
async function usageOf(file: string): Promise<string> {
  return (await runCommand(file, ['--help'])).stdout;
}

describe('a wrong flag value is a mistake of the command line: one line, a hint, exit 2', () => {
  const cases = [
    {
      file: 'scripts/build-portal.ts',
      args: ['--audience', 'everyone'],
      line: 'build: --audience — "everyone" is not one of public, partners, internal — give one of them, e.g. --audience partners',
    },
    {
      file: 'scripts/build-portal.ts',
      args: ['--out='],
      line: 'build: --out — is empty — give a folder, e.g. --out dist',
    },
    {
      file: 'scripts/build-portal.ts',
      args: ['--base', ' '],
      line: 'build: --base — is empty — give a path prefix, e.g. --base /preview/my-branch/',
    },
    {
      file: 'scripts/build-preview.ts',
      args: [],
      line: 'build:preview: --branch — is required — give the branch previewed, e.g. --branch "$BRANCH"',
    },
    {
      file: 'scripts/build-preview.ts',
      args: ['--branch', 'main', '--audience', 'everyone'],
      line: 'build:preview: --audience — "everyone" is not one of public, partners, internal — give one of them, e.g. --audience partners',
    },
    {
      file: 'scripts/print-preview-slug.ts',
      args: ['--branch', '///'],
      line: 'preview:slug: --branch — "///" has no letter or digit, so it has no slug — name the branch with some',
    },
  ];
  for (const { file, args, line } of cases) {
    test(`${file} ${args.join(' ')}`, exitsByItself, async () => {
      const [run, usage] = await Promise.all([runCommand(file, args), usageOf(file)]);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `${line}\n\n${usage}`);
      assert.equal(run.code, 2);
    });
  }
});

test('keys --help says when a key given --expires YYYY-MM-DD stops working', async () => {
  const run = await runCommand('scripts/manage-keys.ts', ['--help']);
  assert.match(
    run.stdout,
    /--expires YYYY-MM-DD: the key stops working at 00:00 UTC of that day\n/,
  );
});
