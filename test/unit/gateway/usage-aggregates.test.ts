import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { toPercentile } from '../../../gateway-stub/observe/latency-buckets.ts';
import { openDatabase } from '../../../gateway-stub/store/open-database.ts';
import { createSqliteUsageStore } from '../../../gateway-stub/store/sqlite-usage-store.ts';
import { createUsageAggregates } from '../../../gateway-stub/store/usage-aggregates.ts';

const minute = Math.floor(Date.parse('2026-11-20T10:15:00Z') / 60_000);

function withStore(use: (db: ReturnType<typeof openDatabase>) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-usage-'));
  const db = openDatabase(dir);
  try {
    use(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('usage aggregates', () => {
  it('adds calls up per minute, API, version, operation, consumer, plan and status class', () => {
    withStore((db) => {
      const usage = createUsageAggregates(createSqliteUsageStore(db));
      for (let index = 0; index < 3; index += 1) {
        usage.record(minute, 'colis', 'v1', 'getParcel', 'con_a', 'free', 200, 4, false);
      }
      usage.record(minute, 'colis', 'v1', 'getParcel', 'con_a', 'free', 201, 40, false);
      usage.record(minute, 'colis', 'v1', '', 'con_a', 'free', 429, 0.5, true);
      usage.record(minute + 1, 'colis', 'v2', 'getParcel', 'con_b', 'premium', 503, 3000, false);
      assert.equal(usage.pending, 6);
      assert.equal(usage.flush(), 3);
      assert.equal(usage.pending, 0);
      assert.equal(usage.flush(), 0);
      usage.record(minute, 'colis', 'v1', 'getParcel', 'con_a', 'free', 204, 4, false);
      assert.equal(usage.flush(), 1);
      const rows = db
        .prepare(
          `SELECT minute, version, operation, consumer_id AS consumer, plan, status_class AS class,
             requests, quota_refusals AS refusals, l2, l3, l5, l10, l11
           FROM usage_aggregates WHERE grain = 'all' AND resolution = 'minute'
           ORDER BY minute, version, operation DESC, status_class`,
        )
        .all()
        .map((row) => ({ ...row }));
      assert.deepEqual(rows, [
        {
          minute,
          version: 'v1',
          operation: 'getParcel',
          consumer: 'con_a',
          plan: 'free',
          class: 2,
          requests: 5,
          refusals: 0,
          l2: 4,
          l3: 0,
          l5: 1,
          l10: 0,
          l11: 0,
        },
        {
          minute,
          version: 'v1',
          operation: '',
          consumer: 'con_a',
          plan: 'free',
          class: 4,
          requests: 1,
          refusals: 1,
          l2: 0,
          l3: 0,
          l5: 0,
          l10: 0,
          l11: 0,
        },
        {
          minute: minute + 1,
          version: 'v2',
          operation: 'getParcel',
          consumer: 'con_b',
          plan: 'premium',
          class: 5,
          requests: 1,
          refusals: 0,
          l2: 0,
          l3: 0,
          l5: 0,
          l10: 0,
          l11: 1,
        },
      ]);
      // The breaking-change report's daily table is filled from the same counts: forwarded
      // calls of a known consumer, per day and operation.
      const daily = db
        .prepare('SELECT day, consumer_id AS consumer, version, operation, requests FROM usage')
        .all()
        .map((row) => ({ ...row }));
      assert.deepEqual(
        daily.sort((a, b) => String(a.version).localeCompare(String(b.version))),
        [
          {
            day: '2026-11-20',
            consumer: 'con_a',
            version: 'v1',
            operation: 'getParcel',
            requests: 5,
          },
          {
            day: '2026-11-20',
            consumer: 'con_b',
            version: 'v2',
            operation: 'getParcel',
            requests: 1,
          },
        ],
      );
    });
  });

  it('drops minutes and hours past the retention, whose day rows keep counting them', () => {
    withStore((db) => {
      const usage = createUsageAggregates(createSqliteUsageStore(db));
      const old = minute - 100 * 1440;
      usage.record(old, 'colis', 'v1', 'getParcel', 'con_a', 'free', 200, 4, false);
      usage.record(old + 30, 'colis', 'v1', 'getParcel', 'con_a', 'free', 200, 4, false);
      assert.equal(usage.flush(old * 60_000), 2);
      usage.record(minute, 'colis', 'v1', 'getParcel', 'con_a', 'free', 200, 4, false);
      assert.equal(usage.flush(minute * 60_000), 1);
      const dropped = createSqliteUsageStore(db).applyRetention(90, minute * 60_000);
      // The two minutes, of every dimension and of the status class alone.
      assert.equal(dropped, 4);
      const rows = db
        .prepare(
          "SELECT resolution, minute, requests, l2 FROM usage_aggregates WHERE grain = 'all' AND resolution <> 'week' ORDER BY minute",
        )
        .all()
        .map((row) => ({ ...row }));
      // The old day, rolled up; today's minute, whose hour is not over yet.
      assert.deepEqual(rows, [
        { resolution: 'day', minute: old - (old % 1440), requests: 2, l2: 2 },
        { resolution: 'minute', minute, requests: 1, l2: 1 },
      ]);
      assert.equal(createSqliteUsageStore(db).applyRetention(90, minute * 60_000), 0);
    });
  });

  it('keeps the counts of a failed flush for the next one', () => {
    withStore((db) => {
      const usage = createUsageAggregates(createSqliteUsageStore(db));
      usage.record(minute, 'colis', 'v1', 'getParcel', 'con_a', 'free', 200, 4, false);
      db.exec('BEGIN');
      db.exec('DROP TABLE usage_aggregates');
      assert.throws(() => usage.flush());
      db.exec('ROLLBACK');
      assert.equal(usage.pending, 1);
      assert.equal(usage.flush(), 1);
    });
  });
});

describe('latency percentiles', () => {
  it('interpolates within the bucket holding the rank', () => {
    // 100 calls: 50 in (0, 1], 45 in (1, 2.5], 5 in (2.5, 5].
    const buckets = [50, 45, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    assert.equal(toPercentile(buckets, 0.5), 1);
    assert.equal(toPercentile(buckets, 0.95), 2.5);
    assert.equal(toPercentile(buckets, 0.99), 4.5);
    assert.equal(toPercentile(new Array<number>(14).fill(0), 0.5), null);
  });
});
