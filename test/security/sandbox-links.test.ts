import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatProblem } from '../../catalog/index.ts';
import { startSandbox } from '../../scripts/lib/sandbox/index.ts';
import { findFreePort } from '../helpers/find-free-port.ts';
import { createHostileRepo, documentWithPathItem } from './helpers/hostile-repo.ts';

/**
 * `npm run sandbox` faces the Internet: stubs answer requests verbatim, so a stubs file linked
 * to a secret would serve it. The real sandbox (mock server and gateway as child processes) must
 * start without the link's target anywhere in what it serves.
 */
test('a stubs file linked to another preview’s admin token is never served', async () => {
  const secret = 'admin-token-s3cr3t';
  const repo = await createHostileRepo({
    'apis/hostile/openapi.yaml': documentWithPathItem(
      [
        'get:',
        '  responses:',
        "    '200':",
        '      description: OK',
        '      content:',
        '        application/json:',
        '          example: { ok: true }',
      ].join('\n'),
    ),
    'previews/other/sandbox-data/stubs.yaml': `stubs:\n  - name: token\n    request: { method: GET, path: /things }\n    response: { status: 200, body: { token: ${secret} } }\n`,
    'mocks/hostile/stubs.yaml': { linkTo: '../../previews/other/sandbox-data/stubs.yaml' },
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
          'mocks/hostile:1 — (left out) — is left out of the sandbox because of 1 error — fix it: until then the sandbox answers from the documents alone',
          'mocks/hostile/stubs.yaml:1 — (file) — is a symbolic link to a file outside mocks/hostile — put the file itself here instead of a link: nothing outside mocks/hostile is read',
        ],
      );
      assert.ok(!(await readFile(sandbox.snapshotFile, 'utf8')).includes(secret));
      const answer = await fetch(`${sandbox.mockUrl}/hostile/v1/things`);
      assert.ok(!(await answer.text()).includes(secret));
    } finally {
      await sandbox.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await repo.remove();
  }
});
