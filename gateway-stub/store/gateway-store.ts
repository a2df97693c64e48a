import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { SqlRow } from '../usage/usage-figures.ts';
import type { Awaitable } from './awaitable.ts';
import { createChangeDetector } from './change-detector.ts';
import { createChangeWatch, type ChangeWatch } from './change-watch.ts';
import { createClientStore, type ClientStore } from './client-store.ts';
import { createKeyStore, type KeyStore } from './key-store.ts';
import type { StoreEngine } from './migrations.ts';
import { databaseFileName } from './open-database.ts';
import { createSecretCheck } from './secret-check.ts';
import { createSigningKeyStore, type SigningKeyStore } from './signing-key-store.ts';
import { createSqliteUsageStore } from './sqlite-usage-store.ts';
import type { UsageWriter } from './usage-aggregates.ts';

/** The usage tables: what the flushes write, the hourly retention, the reports' reads. */
export interface UsageStore extends UsageWriter {
  /**
   * Rolls up what is over, then drops minute and hour rows past the retention, whose day rows
   * keep counting them (`usage-retention.ts`); returns the minute rows dropped.
   */
  applyRetention(retentionDays: number, nowMs: number): Awaitable<number>;
  /**
   * Keeps the query planner's statistics of the aggregates up to date (`first` at start):
   * SQLite's `PRAGMA optimize`; nothing on PostgreSQL, whose autovacuum keeps its own.
   */
  optimizeQueries(first: boolean): Awaitable<void>;
  /** Runs a report's query (SQL both engines read, `?` placeholders). */
  query(sql: string, params: (string | number)[]): Awaitable<SqlRow[]>;
}

/**
 * Everything the gateway keeps that its instances share — consumers, keys, subscriptions,
 * clients, revoked tokens, signing keys, usage — in SQLite (the data folder's file, the
 * default) or in PostgreSQL (`GUICHET_DATABASE_URL`), behind the same methods: SQLite's answer
 * at once, PostgreSQL's are promises (`Awaitable`). Every write is one transaction, settled
 * once committed. Each instance's own state (its quota windows, the lock on its data folder)
 * stays in its SQLite file either way.
 */
export interface GatewayStore {
  engine: StoreEngine;
  /** Where it is, for messages: a file, or `host:port/database` (never a password). */
  location: string;
  keys: KeyStore;
  clients: ClientStore;
  signingKeys: SigningKeyStore;
  usage: UsageStore;
  /**
   * Tells the caches of this process when the store changed, through another process (the
   * CLI, another instance) as well as through this one.
   */
  watch: ChangeWatch;
  /**
   * Records `fingerprint` (of the secret keys are hashed with) the first time, and answers the
   * one recorded: another means the keys were hashed with another secret.
   */
  claimSecretCheck(fingerprint: string): Awaitable<string>;
  /** Stops watching for changes and gives the connections back (not the SQLite file itself). */
  close(): Promise<void>;
}

/** The store in the SQLite file `db` opened in `dataDir` (`open-database.ts`). */
export function openSqliteGatewayStore(db: DatabaseSync, dataDir: string): GatewayStore {
  const keys = createKeyStore(db);
  const changes = createChangeDetector(db, join(dataDir, databaseFileName));
  return {
    engine: 'sqlite',
    location: join(dataDir, databaseFileName),
    keys,
    clients: createClientStore(db, keys),
    signingKeys: createSigningKeyStore(db),
    usage: createSqliteUsageStore(db),
    watch: createChangeWatch(changes),
    claimSecretCheck: createSecretCheck(db),
    close() {
      changes.close();
      return Promise.resolve();
    },
  };
}
