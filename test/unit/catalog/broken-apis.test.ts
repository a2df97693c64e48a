import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatProblem, loadCatalog } from '../../../catalog/index.ts';
import {
  createHostileRepo,
  documentWithPathItem,
  type HostileRepo,
} from '../../security/helpers/hostile-repo.ts';

const goodPath = ['get:', '  summary: List', '  responses:', "    '200':", '      description: OK'];

describe('one API that cannot be read', () => {
  let repo: HostileRepo;
  const report = (lines: string[]): string[] =>
    lines.map((line) => line.replaceAll(`${repo.root}/`, ''));
  before(async () => {
    repo = await createHostileRepo({
      'apis/good-one/openapi.yaml': documentWithPathItem(goodPath.join('\n')),
      'apis/good-two/openapi.yaml': documentWithPathItem(goodPath.join('\n')),
      'apis/remote/openapi.yaml': documentWithPathItem('$ref: https://example.com/things.yaml'),
      'mocks/good-two/stubs.yaml': 'stubs: []\n',
      'mocks/nowhere/stubs.yaml': 'stubs: []\n',
    });
  });
  after(async () => {
    await repo.remove();
  });

  test('fails the whole catalog by default, as lint:apis and pull-request builds need', async () => {
    const result = await loadCatalog({ apisDir: repo.apisDir, audience: 'internal' });
    assert.equal(result.failed, true);
  });

  test('is left out, with its reasons, when the catalog is read to leave broken APIs out', async () => {
    const result = await loadCatalog({
      apisDir: repo.apisDir,
      audience: 'internal',
      brokenApis: 'leave-out',
    });
    assert.equal(result.failed, false);
    assert.deepEqual(
      result.catalog.apis.map((api) => api.id),
      ['good-one', 'good-two'],
    );
    assert.deepEqual(
      result.leftOut.map((entry) => ({
        folder: report([entry.folder])[0],
        kind: entry.kind,
        errors: report(entry.problems.map(formatProblem)),
      })),
      [
        {
          folder: 'apis/remote',
          kind: 'api',
          errors: [
            'apis/remote/openapi.yaml:7 — paths./things.$ref — points to a remote document (https://example.com/things.yaml) — copy the referenced part into the API folder and point to it with a relative path: the portal and its sandbox work offline',
          ],
        },
        {
          folder: 'mocks/nowhere',
          kind: 'stubs',
          errors: [
            'mocks/nowhere:1 — (folder name) — names no API of the catalog (no folder "nowhere" among the APIs) — name the folder like the API\'s folder, or remove it',
          ],
        },
      ],
    );
    // Every problem is still printed, each left-out folder announced first.
    assert.deepEqual(report(result.problems.map(formatProblem)), [
      'apis/remote:1 — (left out) — is left out of the portal and the sandbox because of 1 error — fix it: every other API is published and mocked without this one',
      'apis/remote/openapi.yaml:7 — paths./things.$ref — points to a remote document (https://example.com/things.yaml) — copy the referenced part into the API folder and point to it with a relative path: the portal and its sandbox work offline',
      'mocks/nowhere:1 — (folder name) — names no API of the catalog (no folder "nowhere" among the APIs) — name the folder like the API\'s folder, or remove it',
      'mocks/nowhere:1 — (left out) — is left out of the sandbox because of 1 error — fix it: until then the sandbox answers from the documents alone',
    ]);
  });

  test('still fails when no API is left', async () => {
    const lone = await createHostileRepo({
      'apis/remote/openapi.yaml': documentWithPathItem('$ref: https://example.com/things.yaml'),
    });
    try {
      const result = await loadCatalog({
        apisDir: lone.apisDir,
        audience: 'internal',
        brokenApis: 'leave-out',
      });
      assert.equal(result.failed, true);
      assert.deepEqual(result.catalog.apis, []);
    } finally {
      await lone.remove();
    }
  });
});
