import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { inMemoryPath, openSqlite } from '../../../catalog/sqlite/open-sqlite.ts';
import { closePostgres, openPostgres } from '../../../catalog/postgres/open-postgres.ts';
import {
  gatewayStoreComponent,
  migrations,
  toEngineSteps,
} from '../../../gateway-stub/store/migrations.ts';
import {
  grainDimensions,
  planSegments,
  type Grain,
  type Resolution,
} from '../../../gateway-stub/store/usage-plan.ts';
import {
  bucketColumns,
  toBreakdownStatement,
  toBusiestMinuteStatement,
  toLastCallStatement,
  toRollUpSql,
  toSeriesStatement,
  toTotalsStatement,
  toVersionCallersStatement,
  upsertAggregateSql,
  type Statement,
} from '../../../gateway-stub/store/usage-sql.ts';
import { toExportStatement } from '../../../gateway-stub/store/usage-export-sql.ts';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';

/**
 * The usage aggregates' SQL (`store/usage-sql.ts`) on both engines of the gateway's store:
 * every statement — the upsert, the rollups of each grain, each report's query — runs on a
 * real PostgreSQL, migrated by the store's own steps, and answers exactly what it answers on
 * SQLite over the same rows. Only the placeholders differ (`?` → `$n`).
 */
/** `?` → `$1`, `$2`…: the statements hold no `?` but their placeholders. */
function toNumbered(sql: string): string {
  let index = 0;
  return sql.replaceAll('?', () => `$${String((index += 1))}`);
}

/**
 * A row's values as both databases agree on them, in column order: numbers as numbers (pg
 * gives a bigint sum as text), sums of latencies to a millionth (added in another order).
 */
function normalise(rows: readonly Record<string, unknown>[]): unknown[][] {
  return rows.map((row) =>
    Object.values(row).map((value) =>
      typeof value === 'number' ||
      typeof value === 'bigint' ||
      (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
        ? Math.round(Number(value) * 1e6) / 1e6
        : value,
    ),
  );
}

const day0 = Math.floor(Date.parse('2026-11-02T00:00:00Z') / 60_000);
const marks = {
  hoursUntil: day0 + 16 * 1440,
  daysUntil: day0 + 16 * 1440,
  weeksUntil: day0 + 14 * 1440,
  minutesFrom: 0,
};

describe('the usage SQL on PostgreSQL', () => {
  const sqlite = openSqlite(inMemoryPath, { steps: migrations, owner: 'gateway' });
  let pool: pg.Pool;

  const run = async (statement: Statement): Promise<[unknown[][], unknown[][]]> => {
    const here = sqlite.prepare(statement.sql).all(...statement.params);
    const there = await pool.query(toNumbered(statement.sql), statement.params);
    return [normalise(here), normalise(there.rows as Record<string, unknown>[])];
  };

  before(async () => {
    const cluster = await useTestPostgres();
    pool = await openPostgres({
      url: await cluster.createDatabase('usage_sql'),
      component: gatewayStoreComponent,
      steps: toEngineSteps('postgres'),
      maxConnections: 2,
    });
    // Seventeen days of calls, the same rows into both, some twice (the upsert adds them up).
    let seed = 11;
    const random = (): number => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let minute = day0; minute < day0 + 17 * 1440; minute += 37) {
      const status = random() < 0.8 ? 2 : random() < 0.5 ? 4 : 5;
      const row = [
        'all',
        'minute',
        minute,
        random() < 0.5 ? 'colis' : 'impots',
        'v1',
        random() < 0.5 ? 'getParcel' : 'listParcels',
        `con_${String(Math.floor(random() * 3))}`,
        random() < 0.7 ? 'free' : 'premium',
        status,
        1 + Math.floor(random() * 5),
        status === 4 ? 1 : 0,
        Math.round(random() * 1000) / 10,
        ...bucketColumns.map((_, index) => (index === 3 ? 1 : 0)),
      ];
      for (let times = random() < 0.2 ? 2 : 1; times > 0; times -= 1) {
        sqlite.prepare(upsertAggregateSql).run(...row);
        await pool.query(toNumbered(upsertAggregateSql), row);
      }
    }
    // The rollups, as `planRollUp` orders them: every grain's hours from the minutes of every
    // dimension, then days from hours and weeks from days of each grain.
    const steps: [Resolution, Resolution, number][] = [
      ['minute', 'hour', marks.hoursUntil],
      ['hour', 'day', marks.daysUntil],
      ['day', 'week', marks.weeksUntil],
    ];
    for (const [source, target, until] of steps) {
      for (const grain of Object.keys(grainDimensions) as Grain[]) {
        const sql = toRollUpSql(
          { grain: source === 'minute' ? 'all' : grain, resolution: source },
          { grain, resolution: target },
        );
        sqlite.prepare(sql).run(0, until);
        await pool.query(toNumbered(sql), [0, until]);
      }
    }
  });

  after(async () => {
    sqlite.close();
    await closePostgres(pool);
  });

  it('holds the same rows in every grain and resolution after the upserts and rollups', async () => {
    const [here, there] = await run({
      sql: `SELECT grain, resolution, COUNT(*) AS count, SUM(requests) AS requests, SUM(l3) AS l3
        FROM usage_aggregates GROUP BY grain, resolution ORDER BY grain, resolution`,
      params: [],
    });
    assert.equal(here.length, 13);
    assert.deepEqual(there, here);
  });

  it('answers every report query alike', async () => {
    const from = day0 + 77;
    const to = day0 + 15 * 1440 + 611;
    const segments = (grain: Grain, coarsest: Resolution) =>
      planSegments(from, to, grain, coarsest, marks);
    const statements: Statement[] = [
      toTotalsStatement(segments('time', 'week'), []),
      toSeriesStatement(segments('time', 'hour'), [], 60),
      toSeriesStatement(segments('ops', 'day'), [['api', 'colis']], 1440),
      toBreakdownStatement(segments('ops', 'week'), [], ['api', 'version', 'operation'], 10),
      toBreakdownStatement(segments('consumers', 'week'), [['plan', 'free']], ['consumer_id'], 10),
      toBreakdownStatement(segments('all', 'week'), [['operation', 'getParcel']], ['plan'], 10),
      toVersionCallersStatement(
        segments('consumers', 'hour'),
        [['plan', 'free']],
        [
          { api: 'colis', version: 'v1' },
          { api: 'impots', version: 'v1' },
        ],
      ),
      toLastCallStatement({ api: 'colis', version: 'v1', consumerId: 'con_1', from, to }, [
        ['plan', 'free'],
      ]),
      toBusiestMinuteStatement(
        segments('all', 'minute').filter((segment) => segment.resolution === 'minute'),
        [['consumer_id', 'con_1']],
      ),
      toExportStatement(segments('all', 'day'), [['api', 'impots']], 1440, 1_000),
    ];
    for (const statement of statements) {
      const [here, there] = await run(statement);
      assert.ok(here.length > 0, statement.sql);
      // Ties are ordered alike on both: every ORDER BY ends with the grouped columns.
      const sorted = (rows: unknown[][]) =>
        statement.sql.includes('ORDER BY')
          ? rows
          : [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      assert.deepEqual(sorted(there), sorted(here), statement.sql);
    }
  });
});
