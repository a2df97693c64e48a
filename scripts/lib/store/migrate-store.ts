import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrlShape } from '../../../catalog/postgres/database-url.ts';
import {
  closePostgres,
  describePostgresFailure,
  describePostgresUrl,
  openPostgres,
} from '../../../catalog/postgres/open-postgres.ts';
import { toStoreError } from '../../../catalog/sqlite/store-errors.ts';
import {
  copyToPostgres,
  OtherSecretError,
  type CopiedTable,
} from '../../../gateway-stub/store/copy-to-postgres.ts';
import type { DatabaseSync } from 'node:sqlite';
import { createKeyHasher } from '../../../gateway-stub/keys/key-hasher.ts';
import { readServerSecret, secretFileName } from '../../../gateway-stub/store/data-files.ts';
import {
  createSecretCheck,
  toSecretFingerprint,
} from '../../../gateway-stub/store/secret-check.ts';
import { gatewayStoreComponent, toEngineSteps } from '../../../gateway-stub/store/migrations.ts';
import { databaseFileName, openDatabase } from '../../../gateway-stub/store/open-database.ts';
import { describeStoreHolder } from '../../../gateway-stub/store/store-lock.ts';

/** A reason the copy cannot be made, as `where — field — message — hint`. */
export class MigrateStoreError extends Error {
  constructor(where: string, field: string, message: string, hint: string) {
    super(`${where} — ${field} — ${message} — ${hint}`);
    this.name = 'MigrateStoreError';
  }
}

/** What `migrate` did. */
export interface MigratedStore {
  from: string;
  /** `host:port/database`, never the password. */
  to: string;
  tables: CopiedTable[];
}

/**
 * `npm run store -- migrate --to <url>`: copies the SQLite store of `dataDir` into the
 * PostgreSQL database of `url` (its schema applied first, as a gateway applies it), for
 * gateways on several hosts to share. The store must not be served by a running gateway — what
 * it wrote after the copy would stay behind. Every way it can fail is a `MigrateStoreError`:
 * no store, a gateway serving it, a damaged file, a database that cannot be reached or holds
 * another secret's keys, or a copy that did not verify.
 */
export async function migrateStore(dataDir: string, url: string): Promise<MigratedStore> {
  const file = join(dataDir, databaseFileName);
  const to = describePostgresUrl(url);
  if (!existsSync(file)) {
    throw new MigrateStoreError(
      file,
      'store',
      'there is no sandbox store here',
      'give the data folder of the sandbox to copy with --data-dir (or GUICHET_SANDBOX_DIR)',
    );
  }
  const holder = describeStoreHolder(dataDir);
  if (holder !== undefined) {
    throw new MigrateStoreError(
      file,
      'store',
      holder.replace(/ — .*$/, ''),
      'stop that gateway first: what it writes after the copy would stay behind in the file',
    );
  }
  let db;
  try {
    db = openDatabase(dataDir, { checkIntegrity: true });
  } catch (error) {
    const known = toStoreError(error, file);
    throw new MigrateStoreError(
      file,
      'store',
      known instanceof Error ? known.message : String(known),
      'restore the file from a backup before copying it',
    );
  }
  try {
    claimSecret(db, dataDir, file);
    let pool;
    try {
      pool = await openPostgres({
        url,
        component: gatewayStoreComponent,
        steps: toEngineSteps('postgres'),
      });
    } catch (error) {
      throw new MigrateStoreError(
        '--to',
        to,
        `cannot open PostgreSQL (${describePostgresFailure((error as Error).cause ?? error)})`,
        `check that it runs and answers at that host and port, the user, password and database of the URL (${databaseUrlShape}), and that the user may create tables`,
      );
    }
    try {
      const tables = await copy(db, pool, to, dataDir);
      return { from: file, to, tables };
    } finally {
      await closePostgres(pool);
    }
  } finally {
    db.close();
  }
}

/**
 * Records the check of the data folder's secret in the SQLite store before it is copied (a
 * store from before the check has none), so the database's gateways are held to the secret its
 * keys were hashed with; refuses a store whose check is another secret's.
 */
function claimSecret(db: DatabaseSync, dataDir: string, file: string): void {
  if (!existsSync(join(dataDir, secretFileName))) return;
  const fingerprint = toSecretFingerprint(createKeyHasher(readServerSecret(dataDir)));
  if (createSecretCheck(db)(fingerprint) === fingerprint) return;
  throw new MigrateStoreError(
    file,
    'secret',
    `its keys were hashed with another secret than ${join(dataDir, secretFileName)}`,
    'put back the secret.key this store was used with before copying it',
  );
}

async function copy(
  db: DatabaseSync,
  pool: Parameters<typeof copyToPostgres>[1],
  to: string,
  dataDir: string,
): Promise<CopiedTable[]> {
  let tables;
  try {
    tables = await copyToPostgres(db, pool);
  } catch (error) {
    if (error instanceof OtherSecretError) {
      throw new MigrateStoreError(
        '--to',
        'secret',
        error.message,
        `copy into a database of its own, or copy the ${secretFileName} the database's gateways use into ${dataDir} if it is the same sandbox`,
      );
    }
    throw new MigrateStoreError(
      '--to',
      to,
      `the copy was not made (${describePostgresFailure(error)}): nothing was changed`,
      'check that the database answers, then run the command again',
    );
  }
  const short = tables.find(
    (table) => table.written !== table.source || table.target < table.source,
  );
  if (short !== undefined) {
    throw new MigrateStoreError(
      '--to',
      short.table,
      `${String(short.written)} of ${String(short.source)} rows were written`,
      'run the command again; if it persists, report it',
    );
  }
  return tables;
}
