import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startGatewayProcess } from './helpers/start-gateway-process.ts';
import { startTestGateway } from './helpers/start-test-gateway.ts';

describe('a damaged store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-damaged-'));
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops the gateway at start with the file and what to do, instead of answering 500s', async () => {
    // A real store with a few hundred keys, closed cleanly (its WAL folded back in)…
    const first = await startTestGateway('http://127.0.0.1:9', { dataDir });
    for (let index = 0; index < 300; index += 1) {
      await first.gateway.keys.issueKey({ application: `App ${String(index)}`, api: 'colis' });
    }
    await first.close();
    // …then garbage over every page but the first: the header and the schema still read well.
    const path = join(dataDir, 'gateway.sqlite');
    const { size } = statSync(path);
    assert.ok(size > 8 * 4096, `the store has several pages (${String(size)} bytes)`);
    const fd = openSync(path, 'r+');
    writeSync(fd, randomBytes(size - 4096), 0, size - 4096, 4096);
    closeSync(fd);

    const gateway = await startGatewayProcess(dataDir, 'http://127.0.0.1:9');
    const how = await Promise.race([
      gateway.exited,
      gateway.ready().then(() => 'answering' as const),
    ]);
    if (how === 'answering') {
      await gateway.stop();
      assert.fail('the gateway must not start on a damaged store');
    }
    assert.equal(how.code, 1);
    assert.match(
      gateway.stderr(),
      new RegExp(
        `^gateway: ${path.replaceAll('/', '\\/')} — the sandbox store is damaged \\(.+\\) — restore it from a backup, or move it away to start with an empty store$`,
        'm',
      ),
    );
    assert.doesNotMatch(gateway.stderr(), /\n\s+at /, 'no stack trace');
  });
});
