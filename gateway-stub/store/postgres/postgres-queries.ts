import type pg from 'pg';
import { inPostgresTransaction } from '../../../catalog/postgres/open-postgres.ts';
import { toPostgresStoreError } from '../../../catalog/postgres/postgres-errors.ts';

/** The channel every change to what the gateways cache is announced on. */
export const changeChannel = 'guichet_gateway_changes';

const numbered = new Map<string, string>();

/**
 * The store's SQL (`?` placeholders, which both engines' statements share) with PostgreSQL's
 * numbered ones. The statements hold no `?` of their own (no text literal has one).
 */
export function toPostgresSql(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let index = 0;
    text = sql.replaceAll('?', () => {
      index += 1;
      return `$${String(index)}`;
    });
    numbered.set(sql, text);
  }
  return text;
}

/** Runs one statement and its rows; a database away throws `StoreUnavailableError`. */
export type Query = <Row extends pg.QueryResultRow>(
  sql: string,
  values?: readonly unknown[],
) => Promise<Row[]>;

/** Runs statements on `runner` (the pool, or one transaction's connection). */
export function createQuery(runner: pg.Pool | pg.PoolClient): Query {
  return async <Row extends pg.QueryResultRow>(sql: string, values: readonly unknown[] = []) => {
    try {
      return (await runner.query<Row>(toPostgresSql(sql), values as unknown[])).rows;
    } catch (error) {
      throw toPostgresStoreError(error);
    }
  };
}

/** How many rows a statement changed. */
export async function countChanges(
  client: pg.PoolClient,
  sql: string,
  values: readonly unknown[],
): Promise<number> {
  return (await client.query(toPostgresSql(sql), values as unknown[])).rowCount ?? 0;
}

/**
 * Runs `work` in one transaction that, as it commits, tells every gateway listening
 * (`change-listener.ts`) that what they cache changed; `instance` names the sender, which
 * has already dropped its own caches. Settles once committed.
 */
export function inChangeTransaction<T>(
  pool: pg.Pool,
  instance: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return inPostgresTransaction(pool, async (client) => {
    const result = await work(client);
    // Delivered at commit, to every session listening, or not at all on a rollback.
    await client.query('SELECT pg_notify($1, $2)', [changeChannel, instance]);
    return result;
  });
}
