import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrations, type Migration } from './migrations.ts';

/** File name of the store inside the data folder. */
export const databaseFileName = 'gateway.sqlite';

/**
 * Opens (creating if needed) the gateway's SQLite store in `dataDir`, in WAL mode so the
 * gateway and the `keys` CLI can use it at once: readers never block the writer, and a
 * commit is durable once `run()` returns, even if the process is killed the next instant.
 * `synchronous = NORMAL` is enough for that (only a power cut could lose the last commits).
 */
export function openDatabase(
  dataDir: string,
  steps: readonly Migration[] = migrations,
): DatabaseSync {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, databaseFileName);
  const db = new DatabaseSync(path, { timeout: 5_000 });
  try {
    // It holds key hashes and contacts: readable by the sandbox's user only (SQLite gives
    // its -wal and -shm files the same mode).
    chmodSync(path, 0o600);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, steps);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Applies the steps the database has not seen, all or none. */
function migrate(db: DatabaseSync, steps: readonly Migration[]): void {
  const latest = steps.at(-1)?.version ?? 0;
  if (readVersion(db) >= latest) return;
  // IMMEDIATE takes the write lock first, so two processes opening a fresh store at the same
  // time do not both apply step 1: the second waits, then finds nothing left to do.
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = readVersion(db);
    if (current > latest) {
      throw new Error(
        `the store is at schema version ${current}, newer than this gateway (${latest}): update guichet`,
      );
    }
    for (const step of steps) {
      if (step.version <= current) continue;
      db.exec(step.sql);
      db.exec(`PRAGMA user_version = ${String(step.version)}`);
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

function readVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/** Runs `work` in one write transaction: every statement commits, or none does. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
