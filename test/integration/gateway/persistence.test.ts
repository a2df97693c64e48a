import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../../gateway-stub/store/open-database.ts';
import { startEchoUpstream } from './helpers/start-echo-upstream.ts';
import { issueKey, startTestGateway } from './helpers/start-test-gateway.ts';

describe('persistence', () => {
  const dataDirs: string[] = [];
  const newDataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-store-'));
    dataDirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write when the writer is killed with SIGKILL', async () => {
    const dataDir = newDataDir();
    const writer = spawn(
      process.execPath,
      [join(import.meta.dirname, 'fixtures', 'write-keys.ts'), dataDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const acknowledged: string[] = [];
    let partial = '';
    await new Promise<void>((resolve) => {
      writer.stdout.setEncoding('utf8');
      writer.stdout.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        acknowledged.push(...lines);
        if (acknowledged.length >= 300 && writer.exitCode === null && !writer.killed) {
          writer.kill('SIGKILL');
        }
      });
      writer.on('exit', () => {
        resolve();
      });
    });
    assert.equal(writer.signalCode, 'SIGKILL');
    assert.ok(acknowledged.length >= 300);

    const db = openDatabase(dataDir);
    try {
      assert.deepEqual(
        db
          .prepare('PRAGMA integrity_check')
          .all()
          .map((row) => ({ ...row })),
        [{ integrity_check: 'ok' }],
      );
      const stored = new Set(
        (db.prepare('SELECT id FROM keys').all() as { id: string }[]).map((row) => row.id),
      );
      const lost = acknowledged.filter((id) => !stored.has(id));
      assert.deepEqual(lost, []);
      // Each key came with its consumer and subscription in the same transaction: none is half-written.
      const orphans = db
        .prepare(
          `SELECT COUNT(*) AS count FROM keys WHERE NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.key_id = keys.id)`,
        )
        .get() as { count: number };
      assert.equal(orphans.count, 0);
    } finally {
      db.close();
    }
  });

  it('keeps keys across a restart, and writes usage counts when it stops', async () => {
    const dataDir = newDataDir();
    const upstream = await startEchoUpstream();
    try {
      const first = await startTestGateway(upstream.url, { dataDir });
      const issued = await issueKey(first);
      const token = first.gateway.adminToken;
      for (let index = 0; index < 3; index += 1) {
        await fetch(`${first.baseUrl}/colis/v2/parcels/AB1234`, {
          headers: { 'x-api-key': issued.key },
        });
      }
      await fetch(`${first.baseUrl}/colis/v1/parcels`, {
        method: 'POST',
        headers: { 'x-api-key': issued.key },
        body: '{}',
      });
      await first.close();

      const second = await startTestGateway(upstream.url, { dataDir });
      try {
        assert.equal(second.gateway.adminToken, token);
        const response = await fetch(`${second.baseUrl}/colis/v2/parcels/AB1234`, {
          headers: { 'x-api-key': issued.key },
        });
        assert.equal(response.status, 200);
      } finally {
        await second.close();
      }
      const db = openDatabase(dataDir);
      try {
        const rows = db
          .prepare(
            'SELECT consumer_id AS consumerId, api, version, operation, requests FROM usage ORDER BY version, operation',
          )
          .all()
          .map((row) => ({ ...row }));
        assert.deepEqual(rows, [
          {
            consumerId: issued.consumerId,
            api: 'colis',
            version: 'v1',
            operation: 'POST /colis/v1/parcels',
            requests: 1,
          },
          {
            consumerId: issued.consumerId,
            api: 'colis',
            version: 'v2',
            operation: 'GET /colis/v2/parcels/AB1234',
            requests: 4,
          },
        ]);
      } finally {
        db.close();
      }
    } finally {
      await upstream.close();
    }
  });
});
