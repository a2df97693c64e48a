import pg from 'pg';
import type { Migration } from '../sqlite/open-sqlite.ts';
import { toPostgresStoreError } from './postgres-errors.ts';

/**
 * The sandbox's PostgreSQL databases, opened the one way: one pool per database and process
 * (the gateway and the mock server in one process share it), with bounded waits, and each
 * component's schema steps applied at start under one advisory lock, so instances starting
 * together never both migrate. The mock server's objects and the gateway's store use it, each
 * with its own tables and its own line in `guichet_migrations`.
 */

/** Longest wait for a connection: a host that drops packets or a port that is not PostgreSQL. */
export const connectTimeoutMs = 5_000;

/** Longest a statement may run: no call of the sandbox needs more. */
const statementTimeoutMs = 10_000;

/** The advisory lock every guichet component migrates under (`guichet` in ASCII). */
const migrationLock = 0x67756963686574;

/** How to open a database. */
export interface OpenPostgresOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** The component's name in `guichet_migrations` (`mock server resources`). */
  component: string;
  /** Its schema, in order; append-only. */
  steps: readonly Migration[];
  /** Connections at most (default 10). */
  maxConnections?: number;
}

/** The database could not be opened at start: the message names the host, never the password. */
export class PostgresOpenError extends Error {}

/**
 * Counts and sums come back as numbers, as SQLite gives them, rather than as text: PostgreSQL's
 * 64-bit integers (`BIGINT`, `count(*)`) and `numeric` (a `SUM` of them). The sandbox's never
 * come near 2^53.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: (id, format) =>
    id === pg.types.builtins.INT8 || id === pg.types.builtins.NUMERIC
      ? toNumber
      : (pg.types.getTypeParser(id, format) as unknown),
};

function toNumber(value: string): number {
  return Number(value);
}

/** What every connection of the sandbox is opened with. */
function toConnectionConfig(url: string): pg.ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    application_name: 'guichet',
    keepAlive: true,
    types,
  };
}

/** The pools of this process, by URL, with how many components use each. */
const pools = new Map<string, { pool: pg.Pool; users: number }>();

/** The pool of `url`, made on first use. */
function sharePool(url: string, maxConnections: number): pg.Pool {
  const shared = pools.get(url);
  if (shared) {
    shared.users += 1;
    return shared.pool;
  }
  const pool = new pg.Pool({
    ...toConnectionConfig(url),
    max: maxConnections,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server closes (a restart) is dropped by the pool and reported here;
  // without a listener it would end the process. The next query opens a new one.
  pool.on('error', () => undefined);
  pools.set(url, { pool, users: 1 });
  return pool;
}

/** Gives a pool back: the last component to do so closes it. */
export async function closePostgres(pool: pg.Pool): Promise<void> {
  for (const [url, shared] of pools) {
    if (shared.pool !== pool) continue;
    shared.users -= 1;
    if (shared.users > 0) return;
    pools.delete(url);
  }
  await pool.end();
}

/**
 * A connection of its own on `url`, outside the pool, for a session that lasts (`LISTEN`);
 * its `error` events are the caller's to handle.
 */
export async function connectPostgresClient(url: string): Promise<pg.Client> {
  const client = new pg.Client(toConnectionConfig(url));
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * Where a URL points, for messages: `host:port/database`, without the user or password. A URL
 * that does not parse is named by its scheme alone.
 */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const port = parsed.port === '' ? '5432' : parsed.port;
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)';
    return `${parsed.hostname}:${port}/${database}`;
  } catch {
    return 'an unreadable postgres:// URL';
  }
}

/**
 * Opens a pool on `url` and applies the component's steps not yet applied, waiting for the
 * database at most `connectTimeoutMs`. A database that cannot be reached throws
 * `PostgresOpenError` naming `host:port/database` and the cause in a few words.
 */
export async function openPostgres(options: OpenPostgresOptions): Promise<pg.Pool> {
  const pool = sharePool(options.url, options.maxConnections ?? 10);
  try {
    await migrate(pool, options.component, options.steps);
  } catch (error) {
    await closePostgres(pool).catch(() => undefined);
    throw new PostgresOpenError(
      `cannot open PostgreSQL at ${describePostgresUrl(options.url)} (${describePostgresFailure(error)}) — check GUICHET_DATABASE_URL and that the database answers`,
      { cause: error },
    );
  }
  return pool;
}

/** The database was migrated by a newer guichet. */
class SchemaNewerError extends Error {}

/** A failure's few words: the socket's code or the server's message, never the URL. */
export function describePostgresFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof pg.DatabaseError || error instanceof SchemaNewerError) return message;
  if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
  if (/timeout/i.test(message)) {
    return `no answer within ${String(connectTimeoutMs / 1000)} s`;
  }
  if (/terminated|ended/i.test(message)) return 'the server closed the connection';
  return 'the server does not speak PostgreSQL';
}

/** Applies the steps after the component's recorded version, all or none, under the lock. */
async function migrate(
  pool: pg.Pool,
  component: string,
  steps: readonly Migration[],
): Promise<void> {
  const latest = steps.at(-1)?.version ?? 0;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Held until COMMIT: a second instance waits here, then finds nothing left to do.
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS guichet_migrations (
         component TEXT PRIMARY KEY,
         version INTEGER NOT NULL,
         applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
       )`,
    );
    const found = await client.query<{ version: number }>(
      'SELECT version FROM guichet_migrations WHERE component = $1',
      [component],
    );
    const current = found.rows[0]?.version ?? 0;
    if (current > latest) {
      throw new SchemaNewerError(
        `the database is at schema version ${String(current)} of the ${component}, newer than this guichet (${String(latest)}): update guichet`,
      );
    }
    for (const step of steps) {
      if (step.version <= current) continue;
      await client.query(step.sql);
    }
    if (latest > current) {
      await client.query(
        `INSERT INTO guichet_migrations (component, version) VALUES ($1, $2)
         ON CONFLICT (component) DO UPDATE SET version = $2, applied_at = now()`,
        [component, latest],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Listens to a checked-out connection's errors, which its statements report. */
function ignoreConnectionError(): void {
  // Nothing to do: see inPostgresTransaction.
}

/**
 * Runs `work` on one connection in one transaction: every statement commits, or none does.
 * Failures come out as the store's errors (`toPostgresStoreError`).
 */
export async function inPostgresTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toPostgresStoreError(error);
  }
  let broken: unknown;
  // A connection reset between two statements of the transaction (the server or the network
  // gone) comes as an 'error' event with no query to fail: unheard, it would end the process.
  // The next statement fails with it anyway, and rolls the transaction back.
  client.on('error', ignoreConnectionError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw toPostgresStoreError(error);
  } finally {
    client.off('error', ignoreConnectionError);
    // A connection that failed is not handed out again.
    client.release(broken !== undefined && toPostgresStoreError(broken) !== broken);
  }
}
