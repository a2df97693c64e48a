import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { processAdminHeaders, startGatewayProcess } from './helpers/start-gateway-process.ts';
import { issueKey, startTestGateway } from './helpers/start-test-gateway.ts';

/** Calls the fixture API `count` times in turn; returns the statuses. */
async function callTimes(baseUrl: string, key: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await fetch(`${baseUrl}/colis/v2/parcels/AB1234`, {
      headers: { 'x-api-key': key },
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

/** Requests the store holds in the quota window of a subscription (read from another connection). */
function storedWindow(dataDir: string): number {
  const db = new DatabaseSync(join(dataDir, 'gateway.sqlite'), { readOnly: true });
  try {
    const row = db
      .prepare("SELECT SUM(length(stamps)) AS bytes FROM quota_windows WHERE kind = 'api'")
      .get() as { bytes: number | null };
    return (row.bytes ?? 0) / 8;
  } finally {
    db.close();
  }
}

describe('quota across a restart', () => {
  let upstream: EchoUpstream;
  const dataDirs: string[] = [];
  const newDataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-quota-'));
    dataDirs.push(dir);
    return dir;
  };
  before(async () => {
    upstream = await startEchoUpstream();
  });
  after(async () => {
    await upstream.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the window when the gateway restarts: the plan, then refusals', async () => {
    const dataDir = newDataDir();
    const first = await startTestGateway(upstream.url, { dataDir });
    const { key } = await issueKey(first);
    // The fixture's free plan: 50 a minute.
    assert.deepEqual(await callTimes(first.baseUrl, key, 50), Array(50).fill(200));
    await first.close();

    const second = await startTestGateway(upstream.url, { dataDir });
    try {
      const response = await fetch(`${second.baseUrl}/colis/v2/parcels/AB1234`, {
        headers: { 'x-api-key': key },
      });
      assert.equal(response.status, 429);
      assert.match(response.headers.get('ratelimit') ?? '', /^"free";r=0;t=\d+$/);
      assert.equal(((await response.json()) as { type: string }).type, '/problems/quota-exceeded');
    } finally {
      await second.close();
    }
  });

  it('keeps the window written before a crash (SIGKILL), and takes over the dead gateway’s store', async () => {
    const dataDir = newDataDir();
    const first = await startGatewayProcess(dataDir, upstream.url);
    let key: string;
    try {
      await first.ready();
      const created = await fetch(`${first.adminUrl}/keys`, {
        method: 'POST',
        headers: { ...processAdminHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ application: 'Crash', api: 'colis' }),
      });
      key = ((await created.json()) as { key: string }).key;
      assert.deepEqual(await callTimes(first.baseUrl, key, 50), Array(50).fill(200));
      // The window reaches the store every second: wait for it, then kill without a goodbye.
      for (let attempt = 0; storedWindow(dataDir) < 50; attempt += 1) {
        assert.ok(attempt < 600, 'the window must reach the store');
        await sleep(50);
      }
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }

    const second = await startGatewayProcess(dataDir, upstream.url);
    try {
      await second.ready();
      assert.deepEqual(await callTimes(second.baseUrl, key, 1), [429]);
    } finally {
      await second.stop();
    }
  });
});
