import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../../../gateway-stub/store/open-database.ts';
import { createUsageRecorder } from '../../../gateway-stub/store/usage-recorder.ts';

describe('usage recorder', () => {
  it('adds calls up in memory and writes one row per day, consumer, version and operation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-usage-'));
    const db = openDatabase(dir);
    try {
      const usage = createUsageRecorder(db);
      for (let index = 0; index < 3; index += 1)
        usage.record('2026-11-20', 'con_a', 'colis', 'v1', 'getParcel');
      usage.record('2026-11-20', 'con_b', 'colis', 'v1', 'getParcel');
      usage.record('2026-11-21', 'con_a', 'colis', 'v2', 'createParcel');
      assert.equal(usage.pending, 5);
      assert.equal(usage.flush(), 3);
      assert.equal(usage.pending, 0);
      assert.equal(usage.flush(), 0);
      usage.record('2026-11-20', 'con_a', 'colis', 'v1', 'getParcel');
      usage.flush();
      const rows = db
        .prepare(
          'SELECT day, consumer_id AS consumer, version, operation, requests FROM usage ORDER BY day, consumer',
        )
        .all()
        .map((row) => ({ ...row }));
      assert.deepEqual(rows, [
        {
          day: '2026-11-20',
          consumer: 'con_a',
          version: 'v1',
          operation: 'getParcel',
          requests: 4,
        },
        {
          day: '2026-11-20',
          consumer: 'con_b',
          version: 'v1',
          operation: 'getParcel',
          requests: 1,
        },
        {
          day: '2026-11-21',
          consumer: 'con_a',
          version: 'v2',
          operation: 'createParcel',
          requests: 1,
        },
      ]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
