import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { GatewayStore } from '../../../gateway-stub/store/gateway-store.ts';
import { createUsageAggregates } from '../../../gateway-stub/store/usage-aggregates.ts';
import { chooseGrain, planSegments } from '../../../gateway-stub/store/usage-plan.ts';
import { toRollupMarks } from '../../../gateway-stub/store/usage-rollups.ts';
import { readMarksSql } from '../../../gateway-stub/store/usage-sql.ts';
import {
  createUsageReader,
  type BreakdownEntry,
} from '../../../gateway-stub/usage/usage-reader.ts';
import type { UsageSelection } from '../../../gateway-stub/usage/usage-query.ts';
import { describeOnEachStore, type GatewayStoreUnderTest } from '../../helpers/gateway-stores.ts';

const day0 = Math.floor(Date.parse('2026-11-02T00:00:00Z') / 60_000);

/**
 * Runs `use` on an empty store of the engine under test: a data folder of its own, and on
 * PostgreSQL the suite's database emptied of the previous test's usage.
 */
async function withStore(
  under: GatewayStoreUnderTest,
  use: (store: GatewayStore) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-rollups-'));
  const store = await under.open(dir);
  try {
    for (const sql of [
      'DELETE FROM usage_aggregates',
      'DELETE FROM usage',
      'UPDATE usage_marks SET minute = 0',
    ]) {
      await under.execute(dir, sql, []);
    }
    await use(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function countRows(store: GatewayStore): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const rows = await store.usage.query(
    "SELECT resolution, SUM(requests) AS requests FROM usage_aggregates WHERE grain = 'all' GROUP BY resolution",
    [],
  );
  for (const row of rows) counts[String(row.resolution)] = Number(row.requests);
  return counts;
}

async function readMarks(store: GatewayStore): Promise<ReturnType<typeof toRollupMarks>> {
  return toRollupMarks(await store.usage.query(readMarksSql, []));
}

describe('which rows a report reads', () => {
  // 2026-11-02 is a Monday: weeks start there.
  const marks = {
    hoursUntil: day0 + 17 * 1440 + 600,
    daysUntil: day0 + 17 * 1440,
    weeksUntil: day0 + 14 * 1440,
    minutesFrom: 0,
  };

  it('reads whole weeks from week rows, their edges from days, then hours, then minutes', () => {
    assert.deepEqual(planSegments(day0 - 1440 + 75, day0 + 15 * 1440 + 130, 'ops', 'week', marks), [
      { grain: 'all', resolution: 'minute', from: day0 - 1440 + 75, to: day0 - 1440 + 120 },
      { grain: 'ops', resolution: 'hour', from: day0 - 1440 + 120, to: day0 },
      { grain: 'ops', resolution: 'week', from: day0, to: day0 + 14 * 1440 },
      { grain: 'ops', resolution: 'day', from: day0 + 14 * 1440, to: day0 + 15 * 1440 },
      { grain: 'ops', resolution: 'hour', from: day0 + 15 * 1440, to: day0 + 15 * 1440 + 120 },
      {
        grain: 'all',
        resolution: 'minute',
        from: day0 + 15 * 1440 + 120,
        to: day0 + 15 * 1440 + 130,
      },
    ]);
  });

  it('reads nothing coarser than a series’ bucket, and minutes where no rollup ran yet', () => {
    assert.deepEqual(planSegments(day0 + 75, day0 + 2 * 1440 + 130, 'time', 'hour', marks), [
      { grain: 'time', resolution: 'minute', from: day0 + 75, to: day0 + 120 },
      { grain: 'time', resolution: 'hour', from: day0 + 120, to: day0 + 2 * 1440 + 120 },
      {
        grain: 'time',
        resolution: 'minute',
        from: day0 + 2 * 1440 + 120,
        to: day0 + 2 * 1440 + 130,
      },
    ]);
    assert.deepEqual(planSegments(day0, day0 + 600, 'all', 'minute', marks), [
      { grain: 'all', resolution: 'minute', from: day0, to: day0 + 600 },
    ]);
    // Past the marks: the hours not rolled up yet are read from their minutes.
    assert.deepEqual(planSegments(day0 + 17 * 1440, day0 + 18 * 1440, 'all', 'day', marks), [
      { grain: 'all', resolution: 'hour', from: day0 + 17 * 1440, to: day0 + 17 * 1440 + 600 },
      { grain: 'all', resolution: 'minute', from: day0 + 17 * 1440 + 600, to: day0 + 18 * 1440 },
    ]);
  });

  it('counts the days past the retention from their day rows, as before', () => {
    const past = { ...marks, minutesFrom: day0 + 1440 };
    assert.deepEqual(planSegments(day0 + 75, day0 + 1440 + 130, 'all', 'minute', past), [
      { grain: 'all', resolution: 'day', from: day0 + 75, to: day0 + 1440 },
      { grain: 'all', resolution: 'minute', from: day0 + 1440, to: day0 + 1440 + 130 },
    ]);
  });

  it('takes the smallest grain that keeps what a report groups and filters by', () => {
    assert.equal(chooseGrain([]), 'time');
    assert.equal(chooseGrain(['status_class']), 'time');
    assert.equal(chooseGrain(['api', 'operation']), 'ops');
    assert.equal(chooseGrain(['consumer_id', 'api']), 'consumers');
    assert.equal(chooseGrain(['plan']), 'consumers');
    assert.equal(chooseGrain(['plan', 'operation']), 'all');
  });
});

describeOnEachStore('usage rollups', (under) => {
  it('rolls each hour up once it is over, and each day once its hours are', async () => {
    await withStore(under, async (store) => {
      const usage = createUsageAggregates(store.usage);
      usage.record(day0 + 70, 'colis', 'v1', 'getParcel', 'con_a', 'free', 200, 4, false);
      usage.record(day0 + 71, 'colis', 'v1', 'getParcel', 'con_a', 'free', 200, 4, false);
      await usage.flush((day0 + 72) * 60_000);
      assert.deepEqual(await countRows(store), { minute: 2 });
      // The same hour: nothing to roll, and no write at all without calls.
      assert.equal(await usage.flush((day0 + 119) * 60_000), 0);
      assert.deepEqual(await countRows(store), { minute: 2 });
      await usage.flush((day0 + 120) * 60_000);
      assert.deepEqual(await countRows(store), { minute: 2, hour: 2 });
      assert.equal((await readMarks(store)).hoursUntil, day0 + 120);
      await usage.flush((day0 + 1440 + 5) * 60_000);
      assert.deepEqual(await countRows(store), { minute: 2, hour: 2, day: 2 });
      assert.deepEqual(await readMarks(store), {
        hoursUntil: day0 + 1440,
        daysUntil: day0 + 1440,
        weeksUntil: day0,
        minutesFrom: 0,
      });
      // A week later, the whole week: in every grain, each holding the two calls.
      await usage.flush((day0 + 7 * 1440) * 60_000);
      const weeks = (
        await store.usage.query(
          "SELECT grain, SUM(requests) AS requests FROM usage_aggregates WHERE resolution = 'week' GROUP BY grain ORDER BY grain",
          [],
        )
      ).map((row) => ({ ...row }));
      assert.deepEqual(weeks, [
        { grain: 'all', requests: 2 },
        { grain: 'consumers', requests: 2 },
        { grain: 'ops', requests: 2 },
        { grain: 'time', requests: 2 },
      ]);
    });
  });

  it('adds a call written after its hour and day were rolled up to them as well', async () => {
    await withStore(under, async (store) => {
      const usage = createUsageAggregates(store.usage);
      usage.record(day0 + 70, 'colis', 'v1', 'getParcel', 'con_a', 'free', 200, 4, false);
      await usage.flush((day0 + 2 * 1440) * 60_000);
      assert.deepEqual(await countRows(store), { minute: 1, hour: 1, day: 1 });
      // Counts kept in memory through a full disk reach the store late.
      usage.record(day0 + 70, 'colis', 'v1', 'getParcel', 'con_a', 'free', 503, 40, false);
      usage.record(day0 + 1440 + 3, 'colis', 'v1', 'getParcel', 'con_b', 'free', 200, 4, false);
      await usage.flush((day0 + 2 * 1440 + 1) * 60_000);
      assert.deepEqual(await countRows(store), { minute: 3, hour: 3, day: 3 });
      // Late into a week already rolled up too.
      await usage.flush((day0 + 7 * 1440) * 60_000);
      usage.record(day0 + 70, 'colis', 'v1', 'getParcel', 'con_a', 'free', 200, 4, false);
      await usage.flush((day0 + 7 * 1440 + 1) * 60_000);
      assert.deepEqual(await countRows(store), { minute: 4, hour: 4, day: 4, week: 4 });
    });
  });

  it('gives every report the figures of the calls themselves, whatever rows it reads', async () => {
    await withStore(under, async (store) => {
      const usage = createUsageAggregates(store.usage);
      // Seventeen days of calls, flushed every half hour, some of them late (written after
      // their hour, day or week was rolled up).
      interface Call {
        minute: number;
        api: string;
        operation: string;
        consumer: string;
        plan: string;
        status: number;
      }
      const calls: Call[] = [];
      let seed = 7;
      const random = (): number => {
        seed = (seed * 16_807) % 2_147_483_647;
        return seed / 2_147_483_647;
      };
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      for (let now = day0; now < day0 + 17 * 1440; now += 30) {
        for (let index = 0; index < 6; index += 1) {
          const late = random() < 0.03;
          const call: Call = {
            minute: late ? now - Math.floor(random() * 9000) : now + Math.floor(random() * 30),
            api: pick(['colis', 'impots']),
            operation: pick(['op', 'other']),
            consumer: pick(['con_0', 'con_1', 'con_2']),
            plan: pick(['free', 'premium']),
            status: random() < 0.8 ? 200 : random() < 0.5 ? 404 : 503,
          };
          calls.push(call);
          usage.record(
            call.minute,
            call.api,
            'v1',
            call.operation,
            call.consumer,
            call.plan,
            call.status,
            4,
            false,
          );
        }
        await usage.flush((now + 30) * 60_000);
      }
      const reader = createUsageReader(store.usage);
      const periods: [number, number, UsageSelection['bucket']][] = [
        [day0 + 37, day0 + 16 * 1440 + 611, 'hour'],
        [day0 + 37, day0 + 16 * 1440 + 611, 'day'],
        [day0 + 1440 - 5, day0 + 1440 + 5, 'minute'],
        [day0 - 600, day0 + 18 * 1440, 'day'],
      ];
      const filterSets: Partial<Record<'api' | 'operation' | 'consumer' | 'plan', string>>[] = [
        {},
        { consumer: 'con_2' },
        { api: 'colis' },
        { plan: 'premium' },
        { operation: 'other', consumer: 'con_1' },
      ];
      const field = {
        api: 'api',
        operation: 'operation',
        consumer: 'consumer',
        plan: 'plan',
      } as const;
      for (const [fromMinute, toMinute, bucket] of periods) {
        for (const filters of filterSets) {
          const selection: UsageSelection = {
            fromMinute,
            toMinute,
            bucket,
            api: filters.api,
            version: undefined,
            operation: filters.operation,
            consumer: filters.consumer,
            plan: filters.plan,
            limit: 100,
          };
          const inPeriod = calls.filter(
            (call) =>
              call.minute >= fromMinute &&
              call.minute < toMinute &&
              Object.entries(filters).every(
                ([name, value]) => call[field[name as keyof typeof field]] === value,
              ),
          );
          const where = `${String(fromMinute)}–${String(toMinute)} ${bucket} ${JSON.stringify(filters)}`;
          const totals = await reader.totals(selection);
          assert.equal(totals.requests, inPeriod.length, where);
          assert.equal(
            totals.serverErrors,
            inPeriod.filter((call) => call.status === 503).length,
            where,
          );
          const keys = {
            byApi: [(call: Call) => call.api, (entry: BreakdownEntry) => entry.api],
            byOperation: [
              (call: Call) => `${call.api} ${call.operation}`,
              (entry: BreakdownEntry) => `${String(entry.api)} ${String(entry.operation)}`,
            ],
            byConsumer: [
              (call: Call) => call.consumer,
              (entry: BreakdownEntry) => entry.consumerId,
            ],
            byPlan: [(call: Call) => call.plan, (entry: BreakdownEntry) => entry.plan],
          } as const;
          for (const [name, [ofCall, ofEntry]] of Object.entries(keys)) {
            const entries = await reader.breakdown(selection, name as keyof typeof keys);
            assert.equal(
              entries.reduce((sum, entry) => sum + entry.requests, 0),
              inPeriod.length,
              `${where} ${name}`,
            );
            for (const entry of entries) {
              const expected = inPeriod.filter((call) => ofCall(call) === ofEntry(entry)).length;
              assert.equal(entry.requests, expected, `${where} ${name} ${String(ofEntry(entry))}`);
            }
          }
          // The callers of one version: the selection's API filter is the version's own.
          const ofVersion = calls.filter(
            (call) =>
              call.minute >= fromMinute &&
              call.minute < toMinute &&
              call.api === 'colis' &&
              Object.entries(filters).every(
                ([name, value]) =>
                  name === 'api' || call[field[name as keyof typeof field]] === value,
              ),
          );
          const version = {
            api: 'colis',
            version: 'v1',
            deprecatedSince: undefined,
            sunset: undefined,
          };
          const callers =
            (await reader.deprecatedCallers(selection, [version])).get('colis v1') ?? [];
          assert.equal(
            callers.reduce((sum, caller) => sum + caller.requests, 0),
            ofVersion.length,
            `${where} callers`,
          );
          for (const caller of callers) {
            const theirs = ofVersion.filter((call) => call.consumer === caller.consumerId);
            assert.equal(caller.requests, theirs.length, `${where} ${caller.consumerId}`);
            const last = Math.max(...theirs.map((call) => call.minute));
            assert.equal(caller.lastCall, new Date(last * 60_000).toISOString(), where);
          }
          const step = { minute: 1, hour: 60, day: 1440 }[bucket];
          for (const point of await reader.series(selection)) {
            const start = Date.parse(point.time) / 60_000;
            const expected = inPeriod.filter(
              (call) => call.minute >= start && call.minute < start + step,
            ).length;
            assert.equal(point.requests, expected, `${where} ${point.time}`);
          }
          const exported = (await reader.exportRows(selection, 100_000)) ?? [];
          assert.equal(
            exported.reduce((sum, row) => sum + Number(row.requests), 0),
            inPeriod.length,
            where,
          );
          // Each line holds exactly the calls of its bucket and dimensions, once, in order.
          const lineOf = (call: Call): string =>
            JSON.stringify([
              new Date((call.minute - (call.minute % step)) * 60_000).toISOString(),
              call.api,
              call.operation,
              call.consumer,
              call.plan,
              `${String(Math.floor(call.status / 100))}xx`,
            ]);
          const expectedLines = new Map<string, number>();
          for (const call of inPeriod) {
            expectedLines.set(lineOf(call), (expectedLines.get(lineOf(call)) ?? 0) + 1);
          }
          const lines = exported.map((row) => [
            JSON.stringify([
              row.time,
              row.api,
              row.operation,
              row.consumerId,
              row.plan,
              row.statusClass,
            ]),
            row.requests,
          ]);
          assert.deepEqual(
            lines,
            [...expectedLines.entries()].sort(([a], [b]) =>
              // Ordered by bucket, then dimensions (`api, version, operation, …`).
              a < b ? -1 : a > b ? 1 : 0,
            ),
            `${where} export`,
          );
        }
      }
    });
  });
});
