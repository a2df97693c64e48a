import { latencyBucketCount } from '../observe/latency-buckets.ts';
import type { StoreEngine } from './migrations.ts';

/**
 * The step that gave the usage aggregates their grains and rollups (`usage-plan.ts`), in each
 * engine's words: one text, the types and SQLite's `WITHOUT ROWID` apart. The rows already
 * there are kept: minute and day rows become the `all` grain's, the day rows are summed into
 * the `ops` and `consumers` grains, and every row into the `time` grain; the marks start at 0,
 * so the first flush rolls up every hour and day the store holds.
 */
export function toUsageGrainsSql(engine: StoreEngine): string {
  const count = engine === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const real = engine === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION';
  const withoutRowid = engine === 'sqlite' ? ' WITHOUT ROWID' : '';
  const buckets = Array.from({ length: latencyBucketCount }, (_, index) => `l${String(index)}`);
  const summed = ['requests', 'quota_refusals', 'latency_sum_ms', ...buckets];
  const columns = [
    'grain',
    'resolution',
    'minute',
    'api',
    'version',
    'operation',
    'consumer_id',
    'plan',
    'status_class',
    ...summed,
  ].join(', ');
  const sums = summed.map((name) => `SUM(${name})`).join(', ');
  const insert = `INSERT INTO usage_aggregates_next (${columns})`;
  return `
      CREATE TABLE usage_aggregates_next (
        grain TEXT NOT NULL CHECK (grain IN ('all', 'ops', 'consumers', 'time')),
        resolution TEXT NOT NULL CHECK (resolution IN ('minute', 'hour', 'day', 'week')),
        minute ${count} NOT NULL,
        api TEXT NOT NULL,
        version TEXT NOT NULL,
        operation TEXT NOT NULL,
        consumer_id TEXT NOT NULL,
        plan TEXT NOT NULL,
        status_class INTEGER NOT NULL,
        requests ${count} NOT NULL,
        quota_refusals ${count} NOT NULL,
        latency_sum_ms ${real} NOT NULL,
        ${buckets.map((name) => `${name} ${count} NOT NULL DEFAULT 0,`).join('\n        ')}
        PRIMARY KEY (grain, resolution, minute, api, version, operation, consumer_id, plan, status_class)
      )${withoutRowid};
      ${insert}
        SELECT 'all', resolution, minute, api, version, operation, consumer_id, plan, status_class, ${summed.join(', ')}
        FROM usage_aggregates;
      ${insert}
        SELECT 'ops', 'day', minute, api, version, operation, '', '', status_class, ${sums}
        FROM usage_aggregates WHERE resolution = 'day'
        GROUP BY minute, api, version, operation, status_class;
      ${insert}
        SELECT 'consumers', 'day', minute, api, version, '', consumer_id, plan, status_class, ${sums}
        FROM usage_aggregates WHERE resolution = 'day'
        GROUP BY minute, api, version, consumer_id, plan, status_class;
      ${insert}
        SELECT 'time', resolution, minute, '', '', '', '', '', status_class, ${sums}
        FROM usage_aggregates
        GROUP BY resolution, minute, status_class;
      DROP TABLE usage_aggregates;
      ALTER TABLE usage_aggregates_next RENAME TO usage_aggregates;
      CREATE INDEX usage_aggregates_by_api ON usage_aggregates (api, grain, resolution, minute);
      CREATE INDEX usage_aggregates_by_consumer ON usage_aggregates (consumer_id, api, grain, resolution, minute);
      CREATE TABLE usage_marks (
        name TEXT PRIMARY KEY,
        minute ${count} NOT NULL
      );
      INSERT INTO usage_marks (name, minute)
        VALUES ('hours-until', 0), ('days-until', 0), ('weeks-until', 0), ('minutes-from', 0);
    `;
}
