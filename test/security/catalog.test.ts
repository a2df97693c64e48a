import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCatalog } from '../../catalog/index.ts';
import {
  createHostileRepo,
  documentWithPathItem,
  type HostileFile,
} from './helpers/hostile-repo.ts';

/** Loads a hostile repository through the real catalog, as the build and `lint:apis` do. */
async function problemsFor(files: Record<string, HostileFile>): Promise<string[]> {
  const repo = await createHostileRepo(files);
  try {
    const result = await loadCatalog({
      apisDir: repo.apisDir,
      mocksDir: repo.mocksDir,
      audience: 'internal',
    });
    assert.equal(result.failed, true, 'the hostile input must fail the catalog');
    return result.problems.map((problem) => `${problem.field} — ${problem.message}`);
  } finally {
    await repo.remove();
  }
}

describe('the catalog refuses documents that reach outside their folder', () => {
  test('a $ref to an absolute path (/etc/passwd)', async () => {
    const problems = await problemsFor({
      'apis/hostile/openapi.yaml': documentWithPathItem('$ref: /etc/passwd'),
    });
    assert.deepEqual(problems, [
      'paths./things.$ref — points outside the API folder (/etc/passwd)',
    ]);
  });

  test('a $ref to the cloud metadata address (SSRF)', async () => {
    const problems = await problemsFor({
      'apis/hostile/openapi.yaml': documentWithPathItem(
        '$ref: http://169.254.169.254/latest/meta-data/iam.yaml',
      ),
    });
    assert.deepEqual(problems, [
      'paths./things.$ref — points to a remote document (http://169.254.169.254/latest/meta-data/iam.yaml)',
    ]);
  });
});
