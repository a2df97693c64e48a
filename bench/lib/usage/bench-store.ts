import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { UsageStore } from '../../../gateway-stub/store/gateway-store.ts';
import { databaseFileName, openDatabase } from '../../../gateway-stub/store/open-database.ts';
import { openPostgresGatewayStore } from '../../../gateway-stub/store/postgres/open-postgres-store.ts';
import { createSqliteUsageStore } from '../../../gateway-stub/store/sqlite-usage-store.ts';

/** The store bench:usage fills and queries, on either engine. */
export interface BenchStore {
  engine: 'sqlite' | 'postgres';
  /** The file, or PostgreSQL's `host:port/database`. */
  location: string;
  usage: UsageStore;
  /** One value of the first row of a query (`?` placeholders). */
  first(sql: string, ...params: string[]): Promise<string>;
  /** The store's size on disk in bytes (the file, or the usage tables and their indexes). */
  size(): Promise<number>;
  /** Writes SQLite's WAL back into its file; nothing on PostgreSQL. */
  settle(): void;
  /**
   * The CPU time spent so far by the database's server processes for this bench, in ms: none
   * for SQLite, which works in the bench's own process; PostgreSQL's backends of the bench's
   * database, read from /proc (a server on this host), in ticks of 10 ms.
   */
  serverCpuMs(): Promise<number>;
  close(): Promise<void>;
}

/** The kernel's clock ticks a second (`getconf CLK_TCK`: 100 on Linux). */
const ticksPerSecond = 100;

/** utime + stime of a process, in ms; 0 once it is gone or cannot be read. */
function readProcessCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** Opens the SQLite store in `dir`, or the PostgreSQL database at `url`. */
export async function openBenchStore(dir: string, url: string | undefined): Promise<BenchStore> {
  if (url === undefined) {
    const db = openDatabase(dir);
    const usage = createSqliteUsageStore(db);
    return {
      engine: 'sqlite',
      location: join(dir, databaseFileName),
      usage,
      first: (sql, ...params) =>
        Promise.resolve(String(Object.values(db.prepare(sql).get(...params) ?? {})[0] ?? '')),
      size: () => Promise.resolve(statSync(join(dir, databaseFileName)).size),
      settle: () => {
        db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      },
      serverCpuMs: () => Promise.resolve(0),
      close: () => {
        db.close();
        return Promise.resolve();
      },
    };
  }
  const store = await openPostgresGatewayStore({
    url,
    onNotice: (line) => {
      console.error(line);
    },
    listen: false,
  });
  const first = async (sql: string, ...params: string[]): Promise<string> => {
    const [row] = await store.usage.query(sql, params);
    return String(Object.values(row ?? {})[0] ?? '');
  };
  // Backends seen so far: one that ended keeps the CPU it had when last read.
  const seen = new Map<number, number>();
  return {
    engine: 'postgres',
    location: store.location,
    usage: store.usage,
    first,
    size: async () =>
      Number(
        await first(
          "SELECT pg_total_relation_size('usage_aggregates') + pg_total_relation_size('usage_marks')",
        ),
      ),
    settle: () => undefined,
    async serverCpuMs() {
      const rows = await store.usage.query(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
        [],
      );
      for (const row of rows) {
        const pid = Number(row.pid);
        seen.set(pid, Math.max(seen.get(pid) ?? 0, readProcessCpuMs(pid)));
      }
      let total = 0;
      for (const ms of seen.values()) total += ms;
      return total;
    },
    close: () => store.close(),
  };
}
