import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildPreview } from '../../scripts/lib/previews/build-preview.ts';
import { createHostileRepo } from './helpers/hostile-repo.ts';

/**
 * A pull request's preview is built from the branch as it is: a document linked to another
 * preview's files must stop the preview before anything is written, as `lint:apis` does.
 */
test('a preview whose document links to another preview’s sandbox data is not built', async () => {
  const repo = await createHostileRepo({
    'apis/hostile/openapi.yaml': { linkTo: '../../previews/main/sandbox/catalog.json' },
    'previews/main/sandbox/catalog.json': '{"apis":[{"id":"restricted","secret":"s3cr3t"}]}',
  });
  const printed: string[] = [];
  const original = console.error;
  console.error = (...parts: unknown[]) => {
    printed.push(parts.map(String).join(' '));
  };
  try {
    const build = await buildPreview({
      apisDir: repo.apisDir,
      previewsDir: join(repo.root, 'previews'),
      branch: 'feature/hostile',
      slug: 'feature-hostile',
      audience: 'public',
      previewsUrl: undefined,
    });
    assert.equal(build, undefined);
    assert.deepEqual(
      printed.map((line) => line.replaceAll(`${repo.root}/`, '')),
      [
        'apis/hostile/openapi.yaml:1 — (file) — is a symbolic link to a file outside apis/hostile — put the file itself here instead of a link: nothing outside apis/hostile is read',
        '\n1 error(s) in apis: the portal was not built.',
      ],
    );
    assert.deepEqual(await readdir(join(repo.root, 'previews')), ['main']);
  } finally {
    console.error = original;
    await repo.remove();
  }
});
