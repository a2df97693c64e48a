import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatProblem, loadCatalog } from '../../../catalog/index.ts';
import { createHostileRepo, type HostileFile } from '../../security/helpers/hostile-repo.ts';

async function versionIdsOf(files: Record<string, HostileFile>): Promise<string[]> {
  const repo = await createHostileRepo(files);
  try {
    const result = await loadCatalog({ apisDir: repo.apisDir, audience: 'internal' });
    assert.deepEqual(result.problems, []);
    return result.catalog.apis.flatMap((api) => api.versions.map((version) => version.id));
  } finally {
    await repo.remove();
  }
}

function documentAt(version: string, ref?: string): string {
  return [
    'openapi: 3.0.3',
    'info:',
    '  title: Dépôt',
    `  version: ${version}`,
    'paths:',
    '  /depots:',
    '    get:',
    '      responses:',
    "        '200':",
    ref ? `          $ref: ${ref}` : '          description: OK',
    '',
  ].join('\n');
}

describe('version ids', () => {
  test('a document kept in its source layout takes its id from info.version, not its folder', async () => {
    assert.deepEqual(
      await versionIdsOf({
        'apis/depot/depot/openapi.yaml': documentAt('1.4.2', '../styles.yaml#/ok'),
        'apis/depot/styles.yaml': 'ok:\n  description: OK\n',
      }),
      ['v1'],
    );
  });

  test('folders named like versions are versions, newest first', async () => {
    assert.deepEqual(
      await versionIdsOf({
        'apis/depot/v1/openapi.yaml': documentAt('1.0.0'),
        'apis/depot/v2/openapi.yaml': documentAt('2.3.0'),
        'apis/depot/v10/openapi.yaml': documentAt('10.0.0'),
      }),
      ['v10', 'v2', 'v1'],
    );
  });

  test('source folders of several majors take their ids from their documents, newest first', async () => {
    assert.deepEqual(
      await versionIdsOf({
        'apis/depot/legacy/openapi.yaml': documentAt('1.9.0'),
        'apis/depot/current/openapi.yaml': documentAt('2.0.1'),
      }),
      ['v2', 'v1'],
    );
  });

  test('a version named like a folder of the portal’s own pages is a problem', async () => {
    const repo = await createHostileRepo({
      'apis/depot/api.yaml': 'versions:\n  - id: guides\n    document: openapi.yaml\n',
      'apis/depot/openapi.yaml': documentAt('1.0.0'),
    });
    try {
      const result = await loadCatalog({ apisDir: repo.apisDir, audience: 'internal' });
      assert.deepEqual(
        result.problems.map((problem) => formatProblem(problem).replaceAll(`${repo.root}/`, '')),
        [
          'apis/depot/openapi.yaml:1 — (version id) — "guides" is a name the portal keeps for its own pages — give the version another id, e.g. v1',
        ],
      );
    } finally {
      await repo.remove();
    }
  });
});
