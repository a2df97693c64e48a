import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCommand } from '../integration/commands/helpers/run-command.ts';
import { createHostileRepo } from './helpers/hostile-repo.ts';
import { hostileMarkdownProblem, hostileMarkdownRepo } from './helpers/hostile-markdown.ts';

/** `npm run build` (the deploy build) on one API whose Markdown nests beyond the bounds. */
test('the build leaves out only the API with 5,000 `>` in a description', async () => {
  const repo = await createHostileRepo(hostileMarkdownRepo());
  try {
    const snapshot = join(repo.root, '.guichet', 'catalog.json');
    const run = await runCommand(
      'scripts/build-portal.ts',
      ['--snapshot-only', '--snapshot', snapshot],
      {
        APIS_DIR: repo.apisDir,
      },
    );
    const stderr = run.stderr.replaceAll(`${repo.root}/`, '');
    assert.equal(run.code, 0, stderr);
    assert.ok(stderr.includes(hostileMarkdownProblem), stderr);
    assert.ok(stderr.includes('  apis/hostile — 1 error(s), listed above'), stderr);
    assert.doesNotMatch(stderr, /RangeError|Maximum call stack|\n\s+at /);
    const catalog = JSON.parse(await readFile(snapshot, 'utf8')) as { apis: { id: string }[] };
    assert.deepEqual(
      catalog.apis.map((api) => api.id),
      ['good'],
    );
  } finally {
    await repo.remove();
  }
});
