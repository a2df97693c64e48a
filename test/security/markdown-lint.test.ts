import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../integration/commands/helpers/run-command.ts';
import { createHostileRepo } from './helpers/hostile-repo.ts';
import { hostileMarkdownRepo } from './helpers/hostile-markdown.ts';

/** `npm run lint:apis`, run as a reviewer runs it, on Markdown nested beyond the bounds. */
test('lint:apis reports 5,000 `>` in a description as a problem, exit 1, no stack trace', async () => {
  const repo = await createHostileRepo(hostileMarkdownRepo());
  try {
    const run = await runCommand('scripts/lint-apis.ts', [], { APIS_DIR: repo.apisDir });
    const output = `${run.stdout}${run.stderr}`.replaceAll(`${repo.root}/`, '');
    assert.equal(run.code, 1, output);
    assert.ok(
      output.includes(
        'apis/hostile/openapi.yaml:5 — error — catalog — info.description nests block quotes and lists more than 32 levels deep — flatten the quotes and lists: a few levels say as much',
      ),
      output,
    );
    assert.doesNotMatch(output, /RangeError|Maximum call stack|\n\s+at /);
  } finally {
    await repo.remove();
  }
});
