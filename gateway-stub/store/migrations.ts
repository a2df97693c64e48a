import type { Migration } from '../../catalog/sqlite/open-sqlite.ts';

/**
 * The gateway store's schema, as numbered steps (`Migration`): append-only, never edit one
 * that has shipped, add the next.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    summary: 'consumers, their keys (hashed), subscriptions per API, usage per day',
    sql: `
      CREATE TABLE consumers (
        id TEXT PRIMARY KEY,
        application TEXT NOT NULL,
        email TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX consumers_by_application ON consumers (application, email);
      CREATE TABLE keys (
        id TEXT PRIMARY KEY,
        consumer_id TEXT NOT NULL REFERENCES consumers (id),
        prefix TEXT NOT NULL UNIQUE,
        hash BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE subscriptions (
        id TEXT PRIMARY KEY,
        key_id TEXT NOT NULL REFERENCES keys (id),
        api TEXT NOT NULL,
        plan TEXT NOT NULL CHECK (plan IN ('free', 'premium', 'internal')),
        status TEXT NOT NULL CHECK (status IN ('active', 'pending', 'rejected', 'revoked')),
        expires_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (key_id, api)
      );
      CREATE TABLE usage (
        day TEXT NOT NULL,
        consumer_id TEXT NOT NULL,
        api TEXT NOT NULL,
        version TEXT NOT NULL,
        operation TEXT NOT NULL,
        requests INTEGER NOT NULL,
        PRIMARY KEY (day, consumer_id, api, version, operation)
      ) WITHOUT ROWID;
      CREATE INDEX usage_by_operation ON usage (api, version, operation, day);
    `,
  },
  {
    version: 2,
    summary: 'quota windows kept across restarts; the lock of the one gateway serving the store',
    sql: `
      CREATE TABLE quota_windows (
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        stamps BLOB NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, subject)
      ) WITHOUT ROWID;
      CREATE TABLE gateway_lock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        owner TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        started_at TEXT NOT NULL,
        heartbeat_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    summary:
      'scopes granted per subscription; client credentials of each key (secrets hashed, the previous one kept for a grace period); revoked access tokens; the signing keys of access tokens',
    sql: `
      ALTER TABLE subscriptions ADD COLUMN scopes TEXT;
      ALTER TABLE subscriptions ADD COLUMN requested_scopes TEXT NOT NULL DEFAULT '[]';
      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        key_id TEXT NOT NULL UNIQUE REFERENCES keys (id),
        secret_hash BLOB NOT NULL,
        previous_secret_hash BLOB,
        previous_secret_until INTEGER,
        status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE revoked_tokens (
        jti TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE signing_keys (
        kid TEXT PRIMARY KEY,
        private_jwk TEXT NOT NULL,
        public_jwk TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        retired_at INTEGER
      );
    `,
  },
  {
    version: 4,
    summary:
      'usage aggregates per minute (per day past the retention) by API, version, operation, consumer, plan and status class, with quota refusals and a latency histogram',
    sql: `
      CREATE TABLE usage_aggregates (
        resolution TEXT NOT NULL CHECK (resolution IN ('minute', 'day')),
        minute INTEGER NOT NULL,
        api TEXT NOT NULL,
        version TEXT NOT NULL,
        operation TEXT NOT NULL,
        consumer_id TEXT NOT NULL,
        plan TEXT NOT NULL,
        status_class INTEGER NOT NULL,
        requests INTEGER NOT NULL,
        quota_refusals INTEGER NOT NULL,
        latency_sum_ms REAL NOT NULL,
        l0 INTEGER NOT NULL DEFAULT 0,
        l1 INTEGER NOT NULL DEFAULT 0,
        l2 INTEGER NOT NULL DEFAULT 0,
        l3 INTEGER NOT NULL DEFAULT 0,
        l4 INTEGER NOT NULL DEFAULT 0,
        l5 INTEGER NOT NULL DEFAULT 0,
        l6 INTEGER NOT NULL DEFAULT 0,
        l7 INTEGER NOT NULL DEFAULT 0,
        l8 INTEGER NOT NULL DEFAULT 0,
        l9 INTEGER NOT NULL DEFAULT 0,
        l10 INTEGER NOT NULL DEFAULT 0,
        l11 INTEGER NOT NULL DEFAULT 0,
        l12 INTEGER NOT NULL DEFAULT 0,
        l13 INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (resolution, minute, api, version, operation, consumer_id, plan, status_class)
      ) WITHOUT ROWID;
      CREATE INDEX usage_aggregates_by_minute ON usage_aggregates (minute, api);
      CREATE INDEX usage_aggregates_by_consumer ON usage_aggregates (consumer_id, minute);
    `,
  },
  {
    version: 5,
    summary:
      'usage aggregates in four grains (every dimension; without the consumer; without the operation; the status class alone) and rolled up per hour, day and week beside the minutes (marks of how far), indexed by API and by consumer, so long reports read few rows',
    sql: `
      CREATE TABLE usage_aggregates_next (
        grain TEXT NOT NULL CHECK (grain IN ('all', 'ops', 'consumers', 'time')),
        resolution TEXT NOT NULL CHECK (resolution IN ('minute', 'hour', 'day', 'week')),
        minute INTEGER NOT NULL,
        api TEXT NOT NULL,
        version TEXT NOT NULL,
        operation TEXT NOT NULL,
        consumer_id TEXT NOT NULL,
        plan TEXT NOT NULL,
        status_class INTEGER NOT NULL,
        requests INTEGER NOT NULL,
        quota_refusals INTEGER NOT NULL,
        latency_sum_ms REAL NOT NULL,
        l0 INTEGER NOT NULL DEFAULT 0,
        l1 INTEGER NOT NULL DEFAULT 0,
        l2 INTEGER NOT NULL DEFAULT 0,
        l3 INTEGER NOT NULL DEFAULT 0,
        l4 INTEGER NOT NULL DEFAULT 0,
        l5 INTEGER NOT NULL DEFAULT 0,
        l6 INTEGER NOT NULL DEFAULT 0,
        l7 INTEGER NOT NULL DEFAULT 0,
        l8 INTEGER NOT NULL DEFAULT 0,
        l9 INTEGER NOT NULL DEFAULT 0,
        l10 INTEGER NOT NULL DEFAULT 0,
        l11 INTEGER NOT NULL DEFAULT 0,
        l12 INTEGER NOT NULL DEFAULT 0,
        l13 INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (grain, resolution, minute, api, version, operation, consumer_id, plan, status_class)
      ) WITHOUT ROWID;
      INSERT INTO usage_aggregates_next (grain, resolution, minute, api, version, operation, consumer_id, plan, status_class, requests, quota_refusals, latency_sum_ms, l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13)
        SELECT 'all', resolution, minute, api, version, operation, consumer_id, plan, status_class, requests, quota_refusals, latency_sum_ms, l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13
        FROM usage_aggregates;
      INSERT INTO usage_aggregates_next (grain, resolution, minute, api, version, operation, consumer_id, plan, status_class, requests, quota_refusals, latency_sum_ms, l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13)
        SELECT 'ops', 'day', minute, api, version, operation, '', '', status_class, SUM(requests), SUM(quota_refusals), SUM(latency_sum_ms), SUM(l0), SUM(l1), SUM(l2), SUM(l3), SUM(l4), SUM(l5), SUM(l6), SUM(l7), SUM(l8), SUM(l9), SUM(l10), SUM(l11), SUM(l12), SUM(l13)
        FROM usage_aggregates WHERE resolution = 'day'
        GROUP BY minute, api, version, operation, status_class;
      INSERT INTO usage_aggregates_next (grain, resolution, minute, api, version, operation, consumer_id, plan, status_class, requests, quota_refusals, latency_sum_ms, l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13)
        SELECT 'consumers', 'day', minute, api, version, '', consumer_id, plan, status_class, SUM(requests), SUM(quota_refusals), SUM(latency_sum_ms), SUM(l0), SUM(l1), SUM(l2), SUM(l3), SUM(l4), SUM(l5), SUM(l6), SUM(l7), SUM(l8), SUM(l9), SUM(l10), SUM(l11), SUM(l12), SUM(l13)
        FROM usage_aggregates WHERE resolution = 'day'
        GROUP BY minute, api, version, consumer_id, plan, status_class;
      INSERT INTO usage_aggregates_next (grain, resolution, minute, api, version, operation, consumer_id, plan, status_class, requests, quota_refusals, latency_sum_ms, l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13)
        SELECT 'time', resolution, minute, '', '', '', '', '', status_class, SUM(requests), SUM(quota_refusals), SUM(latency_sum_ms), SUM(l0), SUM(l1), SUM(l2), SUM(l3), SUM(l4), SUM(l5), SUM(l6), SUM(l7), SUM(l8), SUM(l9), SUM(l10), SUM(l11), SUM(l12), SUM(l13)
        FROM usage_aggregates
        GROUP BY resolution, minute, status_class;
      DROP TABLE usage_aggregates;
      ALTER TABLE usage_aggregates_next RENAME TO usage_aggregates;
      CREATE INDEX usage_aggregates_by_api ON usage_aggregates (api, grain, resolution, minute);
      CREATE INDEX usage_aggregates_by_consumer ON usage_aggregates (consumer_id, api, grain, resolution, minute);
      CREATE TABLE usage_marks (
        name TEXT PRIMARY KEY,
        minute INTEGER NOT NULL
      );
      INSERT INTO usage_marks (name, minute)
        VALUES ('hours-until', 0), ('days-until', 0), ('weeks-until', 0), ('minutes-from', 0);
    `,
  },
];
