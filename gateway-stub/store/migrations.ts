import type { Migration } from '../../catalog/sqlite/open-sqlite.ts';
import { toUsageGrainsSql } from './usage-grains-migration.ts';

/** The engines a gateway store runs on. */
export type StoreEngine = 'sqlite' | 'postgres';

/** One step of the gateway store's schema, in each engine's SQL. */
export interface GatewayMigration {
  version: number;
  /** What the step changes, for whoever reads the list next. */
  summary: string;
  sqlite: string;
  /**
   * The same step on PostgreSQL, which holds what instances share: the SQL differs where the
   * engines' types do (`BLOB`/`BYTEA`, 64-bit integers, `REAL` is 8 bytes in SQLite, 4 in
   * PostgreSQL), and is empty for what stays each instance's own (its quota windows and the
   * lock on its data folder live in its SQLite file whatever the store).
   */
  postgres: string;
}

/** The gateway's line in `guichet_migrations` on PostgreSQL. */
export const gatewayStoreComponent = 'gateway store';

/**
 * The gateway store's schema, as numbered steps for both engines: one list, so a store moved
 * from SQLite to PostgreSQL (`npm run store -- migrate`) is at the same version. Append-only:
 * never edit a step that has shipped, add the next.
 */
export const gatewayMigrations: readonly GatewayMigration[] = [
  {
    version: 1,
    summary: 'consumers, their keys (hashed), subscriptions per API, usage per day',
    sqlite: `
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
    postgres: `
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
        hash BYTEA NOT NULL,
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
        requests BIGINT NOT NULL,
        PRIMARY KEY (day, consumer_id, api, version, operation)
      );
      CREATE INDEX usage_by_operation ON usage (api, version, operation, day);
    `,
  },
  {
    version: 2,
    summary: 'quota windows kept across restarts; the lock of the one gateway serving the store',
    sqlite: `
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
    // Each instance's own: they stay in its data folder's SQLite file.
    postgres: '',
  },
  {
    version: 3,
    summary:
      'scopes granted per subscription; client credentials of each key (secrets hashed, the previous one kept for a grace period); revoked access tokens; the signing keys of access tokens',
    sqlite: `
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
    postgres: `
      ALTER TABLE subscriptions ADD COLUMN scopes TEXT;
      ALTER TABLE subscriptions ADD COLUMN requested_scopes TEXT NOT NULL DEFAULT '[]';
      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        key_id TEXT NOT NULL UNIQUE REFERENCES keys (id),
        secret_hash BYTEA NOT NULL,
        previous_secret_hash BYTEA,
        previous_secret_until BIGINT,
        status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE revoked_tokens (
        jti TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE TABLE signing_keys (
        kid TEXT PRIMARY KEY,
        private_jwk TEXT NOT NULL,
        public_jwk TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        retired_at BIGINT
      );
    `,
  },
  {
    version: 4,
    summary:
      'usage aggregates per minute (per day past the retention) by API, version, operation, consumer, plan and status class, with quota refusals and a latency histogram',
    sqlite: `
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
    postgres: toPostgresUsageAggregatesSql(),
  },
  {
    version: 5,
    summary:
      "the store's own settings: a check of the secret its keys are hashed with, so a gateway started with another secret.key stops at once instead of refusing every key",
    sqlite: 'CREATE TABLE gateway_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);',
    postgres: 'CREATE TABLE gateway_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);',
  },
  {
    version: 6,
    summary:
      'usage aggregates in four grains (every dimension; without the consumer; without the operation; the status class alone) and rolled up per hour, day and week beside the minutes (marks of how far), indexed by API and by consumer, so long reports read few rows',
    sqlite: toUsageGrainsSql('sqlite'),
    postgres: toUsageGrainsSql('postgres'),
  },
];

/** Step 4 in PostgreSQL's words: 64-bit counts, 8-byte floating point. */
function toPostgresUsageAggregatesSql(): string {
  const buckets = Array.from(
    { length: 14 },
    (_, index) => `l${String(index)} BIGINT NOT NULL DEFAULT 0,`,
  ).join('\n        ');
  return `
      CREATE TABLE usage_aggregates (
        resolution TEXT NOT NULL CHECK (resolution IN ('minute', 'day')),
        minute INTEGER NOT NULL,
        api TEXT NOT NULL,
        version TEXT NOT NULL,
        operation TEXT NOT NULL,
        consumer_id TEXT NOT NULL,
        plan TEXT NOT NULL,
        status_class INTEGER NOT NULL,
        requests BIGINT NOT NULL,
        quota_refusals BIGINT NOT NULL,
        latency_sum_ms DOUBLE PRECISION NOT NULL,
        ${buckets}
        PRIMARY KEY (resolution, minute, api, version, operation, consumer_id, plan, status_class)
      );
      CREATE INDEX usage_aggregates_by_minute ON usage_aggregates (minute, api);
      CREATE INDEX usage_aggregates_by_consumer ON usage_aggregates (consumer_id, minute);
    `;
}

/** The steps as one engine applies them (`openSqlite`, `openPostgres`). */
export function toEngineSteps(engine: StoreEngine): Migration[] {
  return gatewayMigrations.map((step) => ({
    version: step.version,
    summary: step.summary,
    sql: step[engine],
  }));
}

/** The SQLite steps, as `openDatabase` applies them. */
export const migrations: readonly Migration[] = toEngineSteps('sqlite');
