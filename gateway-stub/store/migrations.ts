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
];
