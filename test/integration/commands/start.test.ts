import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { findFreePort } from '../../helpers/find-free-port.ts';
import { runCommand } from './helpers/run-command.ts';

/** A guard, not a measure: a start that served instead would never exit. */
const exitsByItself = { timeout: 300_000 };

describe('npm start refuses what it cannot do before doing anything', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-start-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('--build with --no-build is a mistake of the command line', exitsByItself, async () => {
    const [run, help] = await Promise.all([
      runCommand('scripts/start-portal.ts', ['--build', '--no-build']),
      runCommand('scripts/start-portal.ts', ['--help']),
    ]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      `start: --build and --no-build contradict each other — give one of them\n\n${help.stdout}`,
    );
  });

  test('the portal’s port in use: one line, exit 1, nothing built', exitsByItself, async () => {
    const port = await findFreePort();
    const holder = createServer();
    holder.listen(port, '127.0.0.1');
    await once(holder, 'listening');
    const outDir = join(dir, 'never-built');
    try {
      const run = await runCommand('scripts/start-portal.ts', ['--no-sandbox'], {
        GUICHET_PORTAL_PORT: String(port),
        GUICHET_OUT_DIR: outDir,
      });
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(
        run.stderr,
        `start: port ${String(port)} on 127.0.0.1 (the portal, GUICHET_PORTAL_PORT) is already in use, perhaps by another npm run sandbox or npm start — stop that one, or set GUICHET_PORTAL_PORT to a free port\n`,
      );
      assert.equal(existsSync(outDir), false, 'nothing is built under a running server');
    } finally {
      holder.close();
    }
  });
});
