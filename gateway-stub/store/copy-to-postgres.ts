import type { DatabaseSync } from 'node:sqlite';
import type pg from 'pg';
import { inPostgresTransaction } from '../../catalog/postgres/open-postgres.ts';
import { secretCheckSql } from './secret-check.ts';

/**
 * The tables gateways on one PostgreSQL share, in the order their references need them, each
 * with its primary key. Quota windows and the data folder's lock stay each instance's own.
 */
export const sharedTables = [
  { name: 'consumers', key: ['id'] },
  { name: 'keys', key: ['id'] },
  { name: 'subscriptions', key: ['id'] },
  { name: 'clients', key: ['id'] },
  { name: 'revoked_tokens', key: ['jti'] },
  { name: 'signing_keys', key: ['kid'] },
  { name: 'usage', key: ['day', 'consumer_id', 'api', 'version', 'operation'] },
  {
    name: 'usage_aggregates',
    key: [
      'grain',
      'resolution',
      'minute',
      'api',
      'version',
      'operation',
      'consumer_id',
      'plan',
      'status_class',
    ],
  },
  // How far the usage rollups came: copied with the rows they describe.
  { name: 'usage_marks', key: ['name'] },
  { name: 'gateway_settings', key: ['name'] },
] as const;

/** What was copied of one table. */
export interface CopiedTable {
  table: string;
  /** Rows in the SQLite store. */
  source: number;
  /** Rows PostgreSQL wrote (inserted, or updated to the SQLite row's values). */
  written: number;
  /** Rows in PostgreSQL after the copy: the copied ones, and any it held before. */
  target: number;
}

/** The database holds keys hashed with another secret than the SQLite store's. */
export class OtherSecretError extends Error {}

/** Rows per statement: well under PostgreSQL's 65,535 parameters a statement. */
const rowsPerStatement = 500;

type Row = Record<string, unknown>;

/**
 * Copies the shared tables of a SQLite store into PostgreSQL, in one transaction: every row
 * or none. A row already there (same primary key) is set to the SQLite row's values, so a
 * second run gives the same database as the first; rows only PostgreSQL holds are kept. The
 * SQLite rows are read in one read transaction, a consistent snapshot. Refuses, changing
 * nothing, a database whose keys were hashed with another secret (`OtherSecretError`). Returns
 * the counts per table, `written` and `target` read back from PostgreSQL before it commits.
 */
export async function copyToPostgres(db: DatabaseSync, pool: pg.Pool): Promise<CopiedTable[]> {
  const rows = readSnapshot(db);
  return inPostgresTransaction(pool, async (client) => {
    const theirs = await client.query<{ value: string }>(secretCheckSql.read);
    const ours = rows.get('gateway_settings')?.find((row) => row.name === 'secret_check');
    const recorded = theirs.rows[0]?.value;
    if (recorded !== undefined && ours !== undefined && recorded !== ours.value) {
      throw new OtherSecretError(
        'the database already holds keys hashed with another secret than this data folder’s secret.key',
      );
    }
    const copied: CopiedTable[] = [];
    for (const table of sharedTables) {
      const source = rows.get(table.name) ?? [];
      const written = await upsertAll(client, table.name, table.key, source);
      const counted = await client.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM ${table.name}`,
      );
      copied.push({
        table: table.name,
        source: source.length,
        written,
        target: counted.rows[0]?.count ?? 0,
      });
    }
    return copied;
  });
}

/** Every shared table's rows, read in one read transaction. */
function readSnapshot(db: DatabaseSync): Map<string, Row[]> {
  const rows = new Map<string, Row[]>();
  db.exec('BEGIN');
  try {
    for (const table of sharedTables) {
      rows.set(table.name, db.prepare(`SELECT * FROM ${table.name}`).all());
    }
  } finally {
    db.exec('COMMIT');
  }
  return rows;
}

/** Upserts `rows` into `table`; returns how many rows PostgreSQL wrote. */
async function upsertAll(
  client: pg.PoolClient,
  table: string,
  key: readonly string[],
  rows: readonly Row[],
): Promise<number> {
  const first = rows[0];
  if (first === undefined) return 0;
  const columns = Object.keys(first);
  const others = columns.filter((column) => !key.includes(column));
  const onConflict =
    others.length === 0
      ? `ON CONFLICT (${key.join(', ')}) DO NOTHING`
      : `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${others.map((column) => `${column} = excluded.${column}`).join(', ')}`;
  let written = 0;
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const tuples = chunk.map(
      (_, row) =>
        `(${columns.map((__, column) => `$${String(row * columns.length + column + 1)}`).join(', ')})`,
    );
    const result = await client.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${onConflict}`,
      chunk.flatMap((row) => columns.map((column) => row[column])),
    );
    written += result.rowCount ?? 0;
  }
  return written;
}
