import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database of the bench's own on a PostgreSQL server. */
export interface BenchDatabase {
  url: string;
  /** Drops it (its gateway must be stopped first). */
  drop(): Promise<void>;
}

/**
 * Creates an empty database beside the one `serverUrl` names, so the bench's gateway, whose data
 * folder and secret are new each run, never meets the keys an earlier run hashed with another.
 */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `guichet_bench_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
