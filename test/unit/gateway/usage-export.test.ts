import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inMemoryPath, openSqlite } from '../../../catalog/sqlite/open-sqlite.ts';
import { migrations } from '../../../gateway-stub/store/migrations.ts';
import { toExportStatement } from '../../../gateway-stub/store/usage-export-sql.ts';
import { planSegments } from '../../../gateway-stub/store/usage-plan.ts';
import {
  bucketColumns,
  upsertAggregateSql,
  type UsageFilters,
} from '../../../gateway-stub/store/usage-sql.ts';
import { toCsv, toCsvCell } from '../../../gateway-stub/usage/to-csv.ts';

const day0 = Math.floor(Date.parse('2026-09-01T00:00:00Z') / 60_000);
// Ninety days rolled up into days; the last one's hours and minutes not yet.
const marks = {
  hoursUntil: day0 + 90 * 1440 + 600,
  daysUntil: day0 + 90 * 1440,
  weeksUntil: day0 + 84 * 1440,
  minutesFrom: day0,
};

describe('the usage export', () => {
  const db = openSqlite(inMemoryPath, { steps: migrations, owner: 'gateway' });
  const upsert = db.prepare(upsertAggregateSql);
  for (let day = 0; day < 90; day += 1) {
    for (const api of ['colis', 'impots']) {
      for (const consumer of ['con_a', 'con_b']) {
        upsert.run(
          'all',
          'day',
          day0 + day * 1440,
          api,
          'v1',
          'getParcel',
          consumer,
          'free',
          2,
          3,
          0,
          12,
          ...bucketColumns.map((_, index) => (index === 2 ? 3 : 0)),
        );
      }
    }
  }
  db.exec('ANALYZE');
  const planOf = (from: number, to: number, filters: UsageFilters): string[] => {
    const statement = toExportStatement(
      planSegments(from, to, 'all', 'day', marks),
      filters,
      1440,
      100_001,
    );
    return db
      .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
      .all(...statement.params)
      .map((row) => String(row.detail));
  };

  it('reads rows as wide as its buckets in their index’s order, with nothing to sort', () => {
    // A 90-day export by day reads day rows alone: each already one line.
    for (const filters of [[], [['api', 'colis']]] satisfies UsageFilters[]) {
      const plan = planOf(day0, day0 + 90 * 1440, filters);
      assert.ok(
        plan.every((detail) => !detail.includes('TEMP B-TREE')),
        `${JSON.stringify(filters)}: ${plan.join(' | ')}`,
      );
    }
    // A consumer's rows come from its index by API first: sorted, but nothing added up.
    const plan = planOf(day0, day0 + 90 * 1440, [['consumer_id', 'con_a']]);
    assert.ok(
      plan.every((detail) => !detail.includes('GROUP BY')),
      plan.join(' | '),
    );
  });

  it('adds up only the finer rows at the period’s edges', () => {
    const plan = planOf(day0 + 30, day0 + 90 * 1440 + 700, [['api', 'colis']]);
    assert.equal(plan.filter((detail) => detail.includes('TEMP B-TREE FOR GROUP BY')).length, 1);
  });

  it('writes each text once quoted, as a cell of its own would be', () => {
    const rows = [
      { a: '=1+2', b: 'say "hi"', c: 3 },
      { a: '=1+2', b: 'plain', c: null },
    ];
    assert.equal(
      toCsv(['a', 'b', 'c'], rows),
      `a,b,c\r\n${toCsvCell('=1+2')},${toCsvCell('say "hi"')},3\r\n${toCsvCell('=1+2')},plain,\r\n`,
    );
    assert.equal(toCsvCell('=1+2'), `"'=1+2"`);
  });
});
