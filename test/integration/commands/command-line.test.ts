import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listNpmCommands, runCommand, type CommandRun } from './helpers/run-command.ts';

const commands = listNpmCommands();

/** Each command's `--help`, run once: its output is what every mistake must print after. */
const helps = new Map<string, Promise<CommandRun>>();
function runHelp(file: string): Promise<CommandRun> {
  const run = helps.get(file) ?? runCommand(file, ['--help']);
  helps.set(file, run);
  return run;
}

/** A guard, not a measure: a command that started a server instead would never exit. */
const exitsByItself = { timeout: 120_000 };

/** How a command's usage starts: `Usage: npm run <name>` (`npm start` for start). */
function toUsageStart(name: string): RegExp {
  if (name === 'start') return /^Usage: npm start(?: |$)/;
  return new RegExp(`^Usage: npm run (?:--silent )?${name.replace(/[:]/g, '\\:')}(?: |$)`);
}

describe('every command behaves like a command', () => {
  test('the commands are every npm script that runs one of guichet’s files', () => {
    assert.deepEqual(
      commands.map((command) => command.name),
      [
        'start',
        'build',
        'build:preview',
        'preview:slug',
        'previews',
        'dev',
        'sandbox',
        'keys',
        'store',
        'mcp',
        'lint:apis',
        'diff',
        'generate:schema',
        'bench:build',
        'bench:lighthouse',
        'bench:search',
        'bench:gateway',
        'bench:sandbox',
        'bench:diff',
        'bench:stateful',
        'bench:mock-limits',
        'bench:usage',
        'generate:codeowners',
        'screenshots',
      ],
    );
  });

  for (const { name, file } of commands) {
    test(
      `${name} -- --help prints its usage and exits 0, having started nothing`,
      exitsByItself,
      async () => {
        const run = await runHelp(file);
        assert.equal(run.stderr, '');
        assert.equal(run.code, 0);
        const [first = ''] = run.stdout.split('\n');
        assert.match(first, toUsageStart(name));
        assert.match(run.stdout, /-h, --help {2,}show this help/);
        // -h is the same flag.
        assert.deepEqual(await runCommand(file, ['-h']), run);
      },
    );

    test(
      `${name} -- --nope names the flag, then the usage, and exits 2`,
      exitsByItself,
      async () => {
        const [run, help] = await Promise.all([runCommand(file, ['--nope']), runHelp(file)]);
        assert.equal(run.stdout, '');
        assert.equal(run.code, 2);
        assert.equal(run.stderr, `${name}: unknown option --nope\n\n${help.stdout}`);
      },
    );
  }

  test('a flag missing its value is named, with the usage', exitsByItself, async () => {
    const run = await runCommand('scripts/lint-apis.ts', ['--format']);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /^lint:apis: option --format needs a value\n\nUsage: npm run lint:apis /,
    );
  });

  test('a word where the command takes none is named, with the usage', exitsByItself, async () => {
    const run = await runCommand('scripts/generate-schema.ts', ['check']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^generate:schema: unexpected argument "check"\n\nUsage: /);
  });
});
