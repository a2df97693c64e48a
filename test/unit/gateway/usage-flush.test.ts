import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type pg from 'pg';
import { closePostgres, openPostgres } from '../../../catalog/postgres/open-postgres.ts';
import {
  latencyBucketCount,
  toLatencyBucket,
} from '../../../gateway-stub/observe/latency-buckets.ts';
import { gatewayStoreComponent, toEngineSteps } from '../../../gateway-stub/store/migrations.ts';
import { createPostgresUsageStore } from '../../../gateway-stub/store/postgres/postgres-usage-store.ts';
import { rowsPerStatement } from '../../../gateway-stub/store/postgres/postgres-usage-rows.ts';
import { createUsageAggregates } from '../../../gateway-stub/store/usage-aggregates.ts';
import { bucketColumns } from '../../../gateway-stub/store/usage-sql.ts';
import { describeOnEachStore } from '../../helpers/gateway-stores.ts';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';

const minute = Math.floor(Date.parse('2026-11-20T10:15:00Z') / 60_000);

/**
 * Names as documents and requests may hold them: quotes, backslashes, braces and commas (an
 * array literal's own characters), the word NULL, spaces, new lines, any script.
 */
const names = [
  'colis',
  'a"b',
  'back\\slash',
  '{brace}',
  'comma,semi;',
  'NULL',
  ' spaced ',
  "it's",
  'é東京🚀',
  '\\"{,}',
  'tab\there',
  'new\nline',
];

interface Call {
  minute: number;
  api: string;
  version: string;
  operation: string;
  consumer: string;
  plan: string;
  status: number;
  latencyMs: number;
  refused: boolean;
}

/** 3 minutes × 3 APIs × 4 operations × 30 consumers × 3 status classes, some cells twice. */
function listCalls(): Call[] {
  const calls: Call[] = [];
  let seed = 5;
  const random = (): number => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  for (let offset = 0; offset < 3; offset += 1) {
    for (const api of names.slice(0, 3)) {
      for (const operation of ['', ...names.slice(3, 6)]) {
        for (let index = 0; index < 30; index += 1) {
          for (const status of [200, 404, 503]) {
            for (let times = random() < 0.3 ? 2 : 1; times > 0; times -= 1) {
              calls.push({
                minute: minute + offset,
                api,
                version: names[6 + (index % 2)] ?? 'v1',
                operation,
                consumer: index === 0 ? '' : `${names[(index % 4) + 8] ?? ''}${String(index)}`,
                plan: index === 0 ? '' : (names[index % 3] ?? ''),
                status,
                // Quarters of a millisecond add up exactly in any order.
                latencyMs: Math.floor(random() * 4000) / 4,
                refused: status === 404 && random() < 0.2,
              });
            }
          }
        }
      }
    }
  }
  return calls;
}

/** The `all` grain's minute rows the calls make, as `[key…, counts…]`, sorted. */
function toExpectedRows(calls: readonly Call[]): unknown[][] {
  const rows = new Map<string, (string | number)[]>();
  for (const call of calls) {
    const key = [
      call.minute,
      call.api,
      call.version,
      call.operation,
      call.consumer,
      call.plan,
      Math.floor(call.status / 100),
    ];
    const id = JSON.stringify(key);
    const row = rows.get(id) ?? [...key, 0, 0, 0, ...new Array<number>(latencyBucketCount).fill(0)];
    const add = (index: number, value: number): void => {
      row[index] = Number(row[index]) + value;
    };
    add(7, 1);
    add(8, call.refused ? 1 : 0);
    add(9, call.latencyMs);
    add(10 + toLatencyBucket(call.latencyMs), 1);
    rows.set(id, row);
  }
  return [...rows.values()].sort(compareRows);
}

function compareRows(a: readonly unknown[], b: readonly unknown[]): number {
  const left = JSON.stringify(a);
  const right = JSON.stringify(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

describeOnEachStore('a usage flush', (under) => {
  it('writes every cell and daily row exactly, whatever the names hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-flush-'));
    const store = await under.open(dir);
    try {
      const usage = createUsageAggregates(store.usage);
      const calls = listCalls();
      for (const call of calls) {
        usage.record(
          call.minute,
          call.api,
          call.version,
          call.operation,
          call.consumer,
          call.plan,
          call.status,
          call.latencyMs,
          call.refused,
        );
      }
      const expected = toExpectedRows(calls);
      assert.ok(expected.length > 3_000);
      // Within the calls' hour: nothing is rolled up, the flush writes the rows alone.
      assert.equal(await usage.flush((minute + 5) * 60_000), expected.length);
      const columns = [
        'minute',
        'api',
        'version',
        'operation',
        'consumer_id',
        'plan',
        'status_class',
        'requests',
        'quota_refusals',
        'latency_sum_ms',
        ...bucketColumns,
      ];
      const rows = await store.usage.query(
        `SELECT ${columns.join(', ')} FROM usage_aggregates WHERE grain = 'all' AND resolution = 'minute'`,
        [],
      );
      const read = rows.map((row) => columns.map((name) => row[name])).sort(compareRows);
      assert.deepEqual(read, expected);
      // The status class alone, per minute.
      const times = await store.usage.query(
        "SELECT minute, status_class, requests FROM usage_aggregates WHERE grain = 'time' ORDER BY minute, status_class",
        [],
      );
      assert.deepEqual(
        times.map((row) => [row.minute, row.status_class, row.requests]),
        [0, 1, 2].flatMap((offset) =>
          [2, 4, 5].map((statusClass) => [
            minute + offset,
            statusClass,
            calls.filter(
              (call) =>
                call.minute === minute + offset && Math.floor(call.status / 100) === statusClass,
            ).length,
          ]),
        ),
      );
      // The daily table: calls of a known consumer to an operation, per day.
      const daily = new Map<string, number>();
      for (const call of calls) {
        if (call.operation === '' || call.consumer === '') continue;
        const id = JSON.stringify([
          '2026-11-20',
          call.consumer,
          call.api,
          call.version,
          call.operation,
        ]);
        daily.set(id, (daily.get(id) ?? 0) + 1);
      }
      const days = await store.usage.query(
        'SELECT day, consumer_id, api, version, operation, requests FROM usage',
        [],
      );
      assert.deepEqual(
        days
          .map((row) => [
            JSON.stringify([row.day, row.consumer_id, row.api, row.version, row.operation]),
            row.requests,
          ])
          .sort(compareRows),
        [...daily.entries()].sort(compareRows),
      );
      // A second flush of the same cells adds to them.
      usage.record(minute, 'colis', names[6] ?? '', '', '', '', 200, 1, false);
      assert.equal(await usage.flush((minute + 6) * 60_000), 1);
      const [again] = await store.usage.query(
        "SELECT SUM(requests) AS requests FROM usage_aggregates WHERE grain = 'all' AND resolution = 'minute'",
        [],
      );
      assert.equal(Number(again?.requests), calls.length + 1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A pool whose connections count the statements they are given. */
function countStatements(pool: pg.Pool): { pool: pg.Pool; count: () => number } {
  let count = 0;
  const counting = (client: pg.PoolClient): pg.PoolClient =>
    new Proxy(client, {
      get(target, property) {
        if (property === 'query') {
          return (...args: unknown[]) => {
            count += 1;
            return (target.query as (...values: unknown[]) => unknown).apply(target, args);
          };
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
  const wrapped = new Proxy(pool, {
    get(target, property) {
      if (property === 'connect') return async () => counting(await target.connect());
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
  return { pool: wrapped, count: () => count };
}

describe('a usage flush on PostgreSQL', () => {
  it('sends its rows a few thousand a statement, each with the daily rows beside them', async () => {
    const cluster = await useTestPostgres();
    const pool = await openPostgres({
      url: await cluster.createDatabase('flush'),
      component: gatewayStoreComponent,
      steps: toEngineSteps('postgres'),
      maxConnections: 2,
    });
    try {
      const counted = countStatements(pool);
      const usage = createUsageAggregates(createPostgresUsageStore(counted.pool));
      // A first flush rolls up every hour before this one (the marks start at 0).
      usage.record(minute, 'colis', 'v1', 'getParcel', 'con_a', 'free', 200, 4, false);
      await usage.flush((minute + 5) * 60_000);
      const calls = listCalls();
      for (const call of calls) {
        usage.record(
          call.minute,
          call.api,
          call.version,
          call.operation,
          call.consumer,
          call.plan,
          call.status,
          call.latencyMs,
          call.refused,
        );
      }
      const before = counted.count();
      const cells = await usage.flush((minute + 6) * 60_000);
      assert.ok(cells > 3_000);
      // BEGIN, the usage lock, the marks, the rows — the cells, the status class alone of each
      // of the 3 minutes, and the daily rows beside them — then COMMIT.
      const rows = cells + 3 * 3;
      assert.equal(counted.count() - before, 4 + Math.ceil(rows / rowsPerStatement));
    } finally {
      await closePostgres(pool);
    }
  });
});
