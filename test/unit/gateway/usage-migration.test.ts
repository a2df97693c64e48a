import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { closePostgres, openPostgres } from '../../../catalog/postgres/open-postgres.ts';
import type { UsageStore } from '../../../gateway-stub/store/gateway-store.ts';
import {
  gatewayStoreComponent,
  migrations,
  toEngineSteps,
} from '../../../gateway-stub/store/migrations.ts';
import { openDatabase } from '../../../gateway-stub/store/open-database.ts';
import { openPostgresGatewayStore } from '../../../gateway-stub/store/postgres/open-postgres-store.ts';
import { toPostgresSql } from '../../../gateway-stub/store/postgres/postgres-queries.ts';
import { createSqliteUsageStore } from '../../../gateway-stub/store/sqlite-usage-store.ts';
import { createUsageAggregates } from '../../../gateway-stub/store/usage-aggregates.ts';
import { createUsageReader } from '../../../gateway-stub/usage/usage-reader.ts';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';

/** The last step before the usage grains: a store as the gateway left it until then. */
const before = 5;

const nowMs = Date.parse('2026-11-20T10:15:00Z');
const now = nowMs / 60_000;
const recent = now - 2 * 1440 + 30;
const old = now - 100 * 1440 - ((now - 100 * 1440) % 1440);

/** Rows of the per-minute table of step 4: a recent minute, and a day past the retention. */
const insertSql = `INSERT INTO usage_aggregates
  (resolution, minute, api, version, operation, consumer_id, plan, status_class,
   requests, quota_refusals, latency_sum_ms, l2)
  VALUES (?, ?, 'colis', 'v1', 'getParcel', ?, 'free', 2, ?, 0, ?, ?)`;
const rows: (string | number)[][] = [
  ['minute', recent, 'con_a', 3, 12, 3],
  ['day', old, 'con_a', 4, 16, 4],
  ['day', old, 'con_b', 1, 4, 1],
];

/** What the step made of them, per grain and resolution, before any rollup. */
const grainsSql = `SELECT grain, resolution, SUM(requests) AS requests FROM usage_aggregates
  GROUP BY grain, resolution ORDER BY grain, resolution`;
const expectedGrains = [
  { grain: 'all', resolution: 'day', requests: 5 },
  { grain: 'all', resolution: 'minute', requests: 3 },
  { grain: 'consumers', resolution: 'day', requests: 5 },
  { grain: 'ops', resolution: 'day', requests: 5 },
  { grain: 'time', resolution: 'day', requests: 5 },
  { grain: 'time', resolution: 'minute', requests: 3 },
];

/** After the step, the first flush rolls up what the store held; the reports count it all. */
async function assertReports(usage: UsageStore): Promise<void> {
  assert.deepEqual(
    (await usage.query(grainsSql, [])).map((row) => ({ ...row })),
    expectedGrains,
  );
  await createUsageAggregates(usage).flush(nowMs);
  const reader = createUsageReader(usage);
  const selection = {
    fromMinute: now - 120 * 1440,
    toMinute: now,
    bucket: 'day' as const,
    api: 'colis',
    version: undefined,
    operation: undefined,
    consumer: undefined,
    plan: undefined,
    limit: 10,
  };
  assert.equal((await reader.totals(selection)).requests, 8);
  const byConsumer = await reader.breakdown(selection, 'byConsumer');
  assert.deepEqual(
    byConsumer.map((entry) => [entry.consumerId, entry.requests]),
    [
      ['con_a', 7],
      ['con_b', 1],
    ],
  );
  const series = await reader.series({ ...selection, fromMinute: now - 3 * 1440 });
  assert.equal(
    series.reduce((sum, point) => sum + point.requests, 0),
    3,
  );
}

describe('the usage grains step keeps the counts a store held', () => {
  it('on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-usage-migration-'));
    try {
      const earlier = openDatabase(dir, {
        steps: migrations.filter((step) => step.version <= before),
      });
      for (const row of rows) earlier.prepare(insertSql).run(...row);
      earlier.close();
      const db = openDatabase(dir);
      try {
        await assertReports(createSqliteUsageStore(db));
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on PostgreSQL', async () => {
    const url = await (await useTestPostgres()).createDatabase('usage_grains');
    const earlier = await openPostgres({
      url,
      component: gatewayStoreComponent,
      steps: toEngineSteps('postgres').filter((step) => step.version <= before),
    });
    for (const row of rows) await earlier.query(toPostgresSql(insertSql), row);
    await closePostgres(earlier);
    const store = await openPostgresGatewayStore({ url, onNotice: () => undefined, listen: false });
    try {
      await assertReports(store.usage);
    } finally {
      await store.close();
    }
  });
});
