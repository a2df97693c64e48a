import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { before, describe } from 'node:test';
import pg from 'pg';
import {
  openSqliteGatewayStore,
  type GatewayStore,
} from '../../gateway-stub/store/gateway-store.ts';
import { openDatabase } from '../../gateway-stub/store/open-database.ts';
import { openPostgresGatewayStore } from '../../gateway-stub/store/postgres/open-postgres-store.ts';
import { toPostgresSql } from '../../gateway-stub/store/postgres/postgres-queries.ts';
import { useTestPostgres } from './postgres-cluster.ts';

/** The engines the gateway's store runs on. */
export const gatewayStoreKinds = ['sqlite', 'postgres'] as const;

/** One of them. */
export type GatewayStoreKind = (typeof gatewayStoreKinds)[number];

/** The store a suite runs against, ready once the suite's first hook ran. */
export interface GatewayStoreUnderTest {
  kind: GatewayStoreKind;
  /** A database of its own in the run's throwaway cluster, for `postgres`; none for `sqlite`. */
  readonly databaseUrl: string | undefined;
  /** What to add to a gateway's options: `{ databaseUrl }`, or nothing. */
  readonly gatewayOptions: { databaseUrl?: string };
  /**
   * What to add to a child process's environment: `GUICHET_DATABASE_URL`, set to the database
   * or cleared (an empty value is no value), whatever the shell running the tests holds.
   */
  readonly env: Record<string, string>;
  /**
   * Runs one statement (`?` placeholders) straight on the store of the gateway of `dataDir`,
   * as an older gateway or a hand edit would have written it.
   */
  execute(dataDir: string, sql: string, values: (string | number | null)[]): Promise<void>;
  /**
   * Opens the store itself, as a gateway of `dataDir` would (its SQLite file, or the database);
   * `close` gives it back.
   */
  open(dataDir: string): Promise<GatewayStore>;
}

/**
 * Declares `suite` once per store, with the same test code: on SQLite (the data folder's
 * file, as without settings) and on PostgreSQL (a fresh database in the cluster the global
 * set-up started, `postgres-cluster.ts`). The store is known from the suite's first `before`
 * on, so read it inside hooks and tests, not while declaring them.
 */
export function describeOnEachStore(
  name: string,
  suite: (store: GatewayStoreUnderTest) => void,
): void {
  for (const kind of gatewayStoreKinds) {
    describe(`${name} (store: ${kind})`, () => {
      let databaseUrl: string | undefined;
      before(async () => {
        if (kind === 'postgres') databaseUrl = await (await useTestPostgres()).createDatabase('gw');
      });
      suite({
        kind,
        get databaseUrl() {
          return databaseUrl;
        },
        get gatewayOptions() {
          return databaseUrl === undefined ? {} : { databaseUrl };
        },
        get env(): Record<string, string> {
          return { GUICHET_DATABASE_URL: databaseUrl ?? '' };
        },
        async open(dataDir) {
          if (databaseUrl !== undefined) {
            return openPostgresGatewayStore({ url: databaseUrl, onNotice: () => undefined });
          }
          const db = openDatabase(dataDir);
          const opened = openSqliteGatewayStore(db, dataDir);
          return {
            ...opened,
            async close() {
              await opened.close();
              db.close();
            },
          };
        },
        async execute(dataDir, sql, values) {
          if (databaseUrl === undefined) {
            const db = new DatabaseSync(join(dataDir, 'gateway.sqlite'));
            try {
              db.prepare(sql).run(...values);
            } finally {
              db.close();
            }
            return;
          }
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          try {
            await client.query(toPostgresSql(sql), values);
          } finally {
            await client.end();
          }
        },
      });
    });
  }
}
