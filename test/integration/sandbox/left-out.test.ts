import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatProblem } from '../../../catalog/index.ts';
import { startSandbox } from '../../../scripts/lib/sandbox/index.ts';
import { findFreePort } from '../../helpers/find-free-port.ts';
import { createHostileRepo, documentWithPathItem } from '../../security/helpers/hostile-repo.ts';

const goodPath = [
  'get:',
  '  summary: List',
  '  responses:',
  "    '200':",
  '      description: OK',
  '      content:',
  '        application/json:',
  '          example: { ok: true }',
];

test('npm run sandbox serves every API but one whose document cannot be read, and says which', async () => {
  const repo = await createHostileRepo({
    'apis/good/openapi.yaml': documentWithPathItem(goodPath.join('\n')),
    'apis/remote/openapi.yaml': documentWithPathItem('$ref: https://example.com/things.yaml'),
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'guichet-sandbox-'));
  try {
    const { sandbox, warnings } = await startSandbox({
      apisDir: repo.apisDir,
      dataDir,
      output: 'ignore',
      gatewayPort: await findFreePort(),
      adminPort: await findFreePort(),
      mockPort: await findFreePort(),
    });
    try {
      assert.deepEqual(
        warnings.map((problem) => formatProblem(problem).replaceAll(`${repo.root}/`, '')),
        [
          'apis/remote:1 — (left out) — is left out of the portal and the sandbox because of 1 error — fix it: every other API is published and mocked without this one',
          'apis/remote/openapi.yaml:7 — paths./things.$ref — points to a remote document (https://example.com/things.yaml) — copy the referenced part into the API folder and point to it with a relative path: the portal and its sandbox work offline',
        ],
      );
      const snapshot = JSON.parse(await readFile(sandbox.snapshotFile, 'utf8')) as {
        apis: { id: string }[];
      };
      assert.deepEqual(
        snapshot.apis.map((api) => api.id),
        ['good'],
      );
      // The kept API is served (a key is asked for); the one left out is unknown.
      assert.equal((await fetch(`${sandbox.url}/good/v1/things`)).status, 401);
      assert.equal((await fetch(`${sandbox.url}/remote/v1/things`)).status, 404);
    } finally {
      await sandbox.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await repo.remove();
  }
});
