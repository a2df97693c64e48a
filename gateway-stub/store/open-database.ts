import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openSqlite, type Migration } from '../../catalog/sqlite/open-sqlite.ts';
import { migrations } from './migrations.ts';

/** File name of the store inside the data folder. */
export const databaseFileName = 'gateway.sqlite';

/** How to open the store. */
export interface OpenDatabaseOptions {
  /** The schema's steps (tests give their own). */
  steps?: readonly Migration[];
  /** Check every page before use: the gateway does at start (see `openSqlite`). */
  checkIntegrity?: boolean;
}

/**
 * Opens (creating if needed) the gateway's SQLite store in `dataDir`, in WAL mode so the
 * gateway and the `keys` CLI can use it at once (`catalog/sqlite/open-sqlite.ts`). A damaged
 * file throws `StoreDamagedError`, naming it.
 */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): DatabaseSync {
  return openSqlite(join(dataDir, databaseFileName), {
    steps: options.steps ?? migrations,
    owner: 'gateway',
    ...(options.checkIntegrity === undefined ? {} : { checkIntegrity: options.checkIntegrity }),
  });
}
