import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';

const scripts = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** Tools the pipelines take from their runner image; anything else must be ours. */
const runnerTools = new Set(['git', 'gh', 'curl', 'npm', 'bash']);
const shellBuiltins = new Set(['set', 'exit', 'echo', 'cd']);

/** Every shell line a pipeline runs, wherever the file format puts it. */
function collectScripts(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) collectScripts(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'run' || key === 'script') && typeof child === 'string') found.push(child);
      else if (key === 'script' && Array.isArray(child))
        found.push(...child.flat(3).filter((line): line is string => typeof line === 'string'));
      else collectScripts(child, found);
    }
  }
  return found;
}

/** Splits shell text into simple commands: lines, `&&`, `||`, `;`, pipes and `$(…)`. */
function toCommands(script: string): string[][] {
  return script
    .replace(/\$\(([^)]*)\)/g, '\n$1\n')
    .split(/\n|&&|\|\||;|\|/)
    .map((command) => command.trim())
    .filter((command) => command !== '' && !command.startsWith('#'))
    .map((command) => command.split(/\s+/).filter((word) => !/^[A-Za-z_]+=/.test(word)))
    .filter((words) => words.length > 0);
}

/** Why a command cannot run here, or undefined when it can. */
function findMissing(words: string[]): string | undefined {
  const [tool, first, second] = words;
  if (tool === undefined || shellBuiltins.has(tool)) return undefined;
  if (tool === 'npm' && first === 'run') {
    const name = second === '--silent' ? words[3] : second;
    return name !== undefined && name in scripts
      ? undefined
      : `npm script "${name ?? ''}" does not exist`;
  }
  if (tool === 'npm') return first === 'ci' ? undefined : `npm ${first ?? ''} is not expected`;
  if (tool === 'bash' || tool === 'node')
    return first && existsSync(first) ? undefined : `${first ?? ''} does not exist`;
  return runnerTools.has(tool) ? undefined : `${tool} is neither ours nor a runner tool`;
}

for (const file of ['.github/workflows/portal.yml', '.gitlab-ci.yml']) {
  describe(`${file} only calls commands that exist`, () => {
    const pipeline: unknown = parse(readFileSync(file, 'utf8'), { merge: true });
    const commands = collectScripts(pipeline).flatMap(toCommands);

    test('it runs lint, diff, checks, tests, a branch preview and a deploy', () => {
      const npmScripts = new Set(
        commands
          .filter(([tool, verb]) => tool === 'npm' && verb === 'run')
          .map((words) => (words[2] === '--silent' ? words[3] : words[2])),
      );
      for (const expected of ['lint:apis', 'diff', 'check', 'build:preview', 'build']) {
        assert.ok(npmScripts.has(expected), `${file} runs npm run ${expected}`);
      }
      assert.ok(
        commands.some(([tool, script]) => tool === 'bash' && script === '.ci/run'),
        `${file} runs the tests through .ci/run`,
      );
    });

    test('every command is an npm script, a file of ours or a runner tool', () => {
      assert.ok(commands.length > 10, 'the pipeline was parsed');
      const missing = commands.flatMap((words) => {
        const reason = findMissing(words);
        return reason ? [`${words.join(' ')}: ${reason}`] : [];
      });
      assert.deepEqual(missing, []);
    });
  });
}
