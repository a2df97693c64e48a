import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatProblem } from '../../catalog/index.ts';
import { startSandbox } from '../../scripts/lib/sandbox/index.ts';
import { findFreePort } from '../helpers/find-free-port.ts';
import { createHostileRepo } from './helpers/hostile-repo.ts';
import { hostileMarkdownProblem, hostileMarkdownRepo } from './helpers/hostile-markdown.ts';
import { waitForPreparedDocuments } from '../helpers/wait-for-mock.ts';

/** `npm run sandbox` faces the Internet: one API's hostile Markdown must not stop the others. */
test('the sandbox starts without the API whose description holds 5,000 `>`, and serves the other', async () => {
  const repo = await createHostileRepo(hostileMarkdownRepo());
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
      const report = warnings.map((problem) =>
        formatProblem(problem).replaceAll(`${repo.root}/`, ''),
      );
      assert.ok(report.includes(hostileMarkdownProblem), report.join('\n'));
      await waitForPreparedDocuments(sandbox.mockUrl);
      const good = await fetch(`${sandbox.mockUrl}/good/v1/things`);
      assert.equal(good.status, 200);
      assert.deepEqual(await good.json(), { ok: true });
      const hostile = await fetch(`${sandbox.mockUrl}/hostile/v1/things`);
      assert.notEqual(hostile.status, 200);
      await hostile.body?.cancel();
    } finally {
      await sandbox.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await repo.remove();
  }
});
