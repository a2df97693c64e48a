import type pg from 'pg';
import {
  closePostgres,
  inPostgresTransaction,
  openPostgres,
} from '../../catalog/postgres/open-postgres.ts';
import {
  StoreUnavailableError,
  toPostgresStoreError,
  toSqlState,
} from '../../catalog/postgres/postgres-errors.ts';
import { postgresResourceMigrations, resourcesComponent } from './postgres-resource-migrations.ts';
import {
  costOf,
  type CollectionKey,
  type ResourceLimits,
  type ResourceStore,
  type Scope,
  type ScopeSummary,
  type StoredSeed,
  type WriteOutcome,
} from './resource-store.ts';

/** How to open the store. */
export interface PostgresResourceStoreOptions extends ResourceLimits {
  /** `GUICHET_DATABASE_URL`: `postgres://user:password@host:port/database`. */
  url: string;
}

/** SQLSTATE `unique_violation`: the id is taken. */
const uniqueViolation = '23505';

const scopeWhere = 'consumer = $1 AND api = $2 AND version = $3';
const collectionWhere = `${scopeWhere} AND resource = $4 AND parent = $5`;

/**
 * One creation, one statement: the consumer's totals row is bumped only while both limits
 * hold (its row lock makes instances wait for each other, and each re-checks the limits on the
 * row as the previous one left it), and the object is inserted only from the row so bumped. A
 * taken id breaks the primary key and undoes the whole statement, the bump with it.
 */
const insertCounted = `
  WITH counted AS (
    INSERT INTO resource_usage AS u (consumer, objects, bytes)
    SELECT $1, 1, $7::bigint WHERE 1 <= $8::int AND $7::bigint <= $9::bigint
    ON CONFLICT (consumer) DO UPDATE
      SET objects = u.objects + 1, bytes = u.bytes + excluded.bytes
      WHERE u.objects + 1 <= $8::int AND u.bytes + excluded.bytes <= $9::bigint
    RETURNING 1
  )
  INSERT INTO resource_objects (consumer, api, version, resource, parent, id, body, bytes)
  SELECT $1, $2, $3, $4, $5, $6, $10, $7::int FROM counted
  RETURNING 1`;

interface Usage {
  objects: number;
  bytes: number;
}

/**
 * Opens the PostgreSQL store of objects, for mock servers that share one database. What the
 * SQLite store keeps in memory as the one writer is kept in the database here: each consumer's
 * totals are a row (`resource_usage`) that every write locks first, in the statement or the
 * transaction of the write, so limits hold whatever the number of instances, and a scope's
 * first entry (its seeds) happens once. A scope's last use is written at most every minute (or
 * tenth of the idle time); a call in between reads the scope's row, one SELECT, so a reset or
 * an expiry made through another instance is seen at once. The database unreachable:
 * `StoreUnavailableError` (503); its disk full: `StoreFullError` (507).
 */
export function openPostgresResourceStore(options: PostgresResourceStoreOptions): ResourceStore {
  const now = options.now ?? Date.now;
  const refreshMs = Math.min(60_000, Math.max(1, Math.floor(options.idleMs / 10)));
  const touched = new Map<string, number>();
  const opening = openPostgres({
    url: options.url,
    component: resourcesComponent,
    steps: postgresResourceMigrations,
  });
  const opened = opening.then(() => undefined);
  // Whoever starts the server awaits `opened`; calls meanwhile get the store's error.
  opened.catch(() => undefined);
  let calls = 0;

  const poolOf = async (): Promise<pg.Pool> => {
    try {
      return await opening;
    } catch (error) {
      throw new StoreUnavailableError({ cause: error });
    }
  };
  const query = async <Row extends pg.QueryResultRow>(
    text: string,
    values: unknown[],
  ): Promise<Row[]> => {
    const pool = await poolOf();
    try {
      return (await pool.query<Row>(text, values)).rows;
    } catch (error) {
      throw toPostgresStoreError(error);
    }
  };
  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> =>
    inPostgresTransaction(await poolOf(), work);

  const scopeArgs = (scope: Scope) => [scope.consumer, scope.api, scope.version];
  const keyArgs = (scope: Scope, key: CollectionKey) => [
    ...scopeArgs(scope),
    key.resource,
    key.parent,
  ];

  /** Locks the consumer's totals row (the consumer's writes queue here) and reads it. */
  const lockUsage = async (client: pg.PoolClient, consumer: string): Promise<Usage | undefined> => {
    const { rows } = await client.query<{ objects: number; bytes: string }>(
      'SELECT objects, bytes FROM resource_usage WHERE consumer = $1 FOR UPDATE',
      [consumer],
    );
    const row = rows[0];
    return row && { objects: row.objects, bytes: Number(row.bytes) };
  };
  const addUsage = async (
    client: pg.PoolClient,
    consumer: string,
    objects: number,
    bytes: number,
  ): Promise<void> => {
    await client.query(
      'UPDATE resource_usage SET objects = objects + $2, bytes = bytes + $3 WHERE consumer = $1',
      [consumer, objects, bytes],
    );
  };
  /** Drops a scope's objects and row, the consumer's row locked; returns the objects dropped. */
  const dropScope = async (client: pg.PoolClient, scope: Scope): Promise<number> => {
    const { rows } = await client.query<{ objects: number; bytes: string }>(
      `WITH gone AS (DELETE FROM resource_objects WHERE ${scopeWhere} RETURNING bytes)
       SELECT count(*)::int AS objects, COALESCE(sum(bytes), 0)::bigint AS bytes FROM gone`,
      scopeArgs(scope),
    );
    const gone = rows[0] ?? { objects: 0, bytes: '0' };
    if (gone.objects > 0)
      await addUsage(client, scope.consumer, -gone.objects, -Number(gone.bytes));
    await client.query(`DELETE FROM resource_scopes WHERE ${scopeWhere}`, scopeArgs(scope));
    touched.delete(toScopeKey(scope));
    return gone.objects;
  };
  /** Lays a scope's seeds, the consumer's row locked: those past a limit are left out. */
  const laySeeds = async (
    client: pg.PoolClient,
    scope: Scope,
    seeds: StoredSeed[],
    usage: Usage,
  ): Promise<void> => {
    const added = { objects: 0, bytes: 0 };
    for (const seed of seeds) {
      const cost = costOf(seed.id, seed.text);
      if (usage.objects + added.objects + 1 > options.maxObjectsPerConsumer) break;
      if (usage.bytes + added.bytes + cost > options.maxBytesPerConsumer) continue;
      const { rowCount } = await client.query(
        `INSERT INTO resource_objects (consumer, api, version, resource, parent, id, body, bytes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [...keyArgs(scope, seed), seed.id, seed.text, cost],
      );
      if (rowCount === 1) {
        added.objects += 1;
        added.bytes += cost;
      }
    }
    if (added.objects > 0) await addUsage(client, scope.consumer, added.objects, added.bytes);
  };

  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    calls += 1;
    return work();
  };

  return {
    opened,
    enter(scope, seeds) {
      return counted(async () => {
        const key = toScopeKey(scope);
        const at = now();
        const last = touched.get(key);
        if (last !== undefined && at - last < refreshMs) {
          const rows = await query<{ touched_at: string }>(
            `SELECT touched_at FROM resource_scopes WHERE ${scopeWhere}`,
            scopeArgs(scope),
          );
          const row = rows[0];
          if (row && at - Number(row.touched_at) <= options.idleMs) return;
        }
        await transaction(async (client) => {
          await client.query(
            'INSERT INTO resource_usage (consumer, objects, bytes) VALUES ($1, 0, 0) ON CONFLICT DO NOTHING',
            [scope.consumer],
          );
          const usage = (await lockUsage(client, scope.consumer)) ?? { objects: 0, bytes: 0 };
          const { rows } = await client.query<{ touched_at: string }>(
            `SELECT touched_at FROM resource_scopes WHERE ${scopeWhere}`,
            scopeArgs(scope),
          );
          const row = rows[0];
          const expired = row !== undefined && at - Number(row.touched_at) > options.idleMs;
          if (expired) {
            await dropScope(client, scope);
            const after = await lockUsage(client, scope.consumer);
            usage.objects = after?.objects ?? 0;
            usage.bytes = after?.bytes ?? 0;
          }
          if (row === undefined || expired) {
            await client.query(
              'INSERT INTO resource_scopes (consumer, api, version, created_at, touched_at) VALUES ($1, $2, $3, $4, $4)',
              [...scopeArgs(scope), at],
            );
            await laySeeds(client, scope, seeds(), usage);
          } else {
            await client.query(
              `UPDATE resource_scopes SET touched_at = GREATEST(touched_at, $4) WHERE ${scopeWhere}`,
              [...scopeArgs(scope), at],
            );
          }
        });
        touched.set(key, at);
      });
    },
    read(scope, key, id) {
      return counted(async () => {
        const rows = await query<{ body: string }>(
          `SELECT body FROM resource_objects WHERE ${collectionWhere} AND id = $6`,
          [...keyArgs(scope, key), id],
        );
        return rows[0]?.body;
      });
    },
    list(scope, key) {
      return counted(async () => {
        const rows = await query<{ id: string; body: string }>(
          `SELECT id, body FROM resource_objects WHERE ${collectionWhere} ORDER BY seq`,
          keyArgs(scope, key),
        );
        return rows.map((row) => ({ id: row.id, text: row.body }));
      });
    },
    insert(scope, key, id, text) {
      return counted(async (): Promise<WriteOutcome> => {
        const cost = costOf(id, text);
        const limits = [options.maxObjectsPerConsumer, options.maxBytesPerConsumer];
        let inserted: unknown[];
        try {
          inserted = await query(insertCounted, [
            ...keyArgs(scope, key),
            id,
            cost,
            ...limits,
            text,
          ]);
        } catch (error) {
          if (toSqlState(error) === uniqueViolation) return { ok: false, reason: 'exists' };
          throw error;
        }
        if (inserted.length === 1) return { ok: true };
        const rows = await query<{ objects: number }>(
          'SELECT objects FROM resource_usage WHERE consumer = $1',
          [scope.consumer],
        );
        const objects = rows[0]?.objects ?? 0;
        return {
          ok: false,
          reason: objects + 1 > options.maxObjectsPerConsumer ? 'objects-limit' : 'bytes-limit',
        };
      });
    },
    replace(scope, key, id, text) {
      return counted(() =>
        transaction(async (client): Promise<WriteOutcome> => {
          const usage = await lockUsage(client, scope.consumer);
          const { rows } = await client.query<{ bytes: number }>(
            `SELECT bytes FROM resource_objects WHERE ${collectionWhere} AND id = $6`,
            [...keyArgs(scope, key), id],
          );
          const row = rows[0];
          if (!usage || !row) return { ok: false, reason: 'missing' };
          const cost = costOf(id, text);
          if (usage.bytes - row.bytes + cost > options.maxBytesPerConsumer) {
            return { ok: false, reason: 'bytes-limit' };
          }
          await client.query(
            `UPDATE resource_objects SET body = $7, bytes = $8 WHERE ${collectionWhere} AND id = $6`,
            [...keyArgs(scope, key), id, text, cost],
          );
          await addUsage(client, scope.consumer, 0, cost - row.bytes);
          return { ok: true };
        }),
      );
    },
    remove(scope, key, id) {
      return counted(() =>
        transaction(async (client) => {
          if (!(await lockUsage(client, scope.consumer))) return false;
          const { rows } = await client.query<{ bytes: number }>(
            `DELETE FROM resource_objects WHERE ${collectionWhere} AND id = $6 RETURNING bytes`,
            [...keyArgs(scope, key), id],
          );
          const row = rows[0];
          if (!row) return false;
          await addUsage(client, scope.consumer, -1, -row.bytes);
          return true;
        }),
      );
    },
    maxNumericId(scope, key) {
      return counted(async () => {
        const rows = await query<{ id: string | null }>(
          `SELECT MAX(id::bigint) AS id FROM resource_objects
           WHERE ${collectionWhere} AND id ~ '^[0-9]{1,15}$'`,
          keyArgs(scope, key),
        );
        return Number(rows[0]?.id ?? 0);
      });
    },
    reset(scope) {
      return counted(() =>
        transaction(async (client) => {
          await lockUsage(client, scope.consumer);
          return dropScope(client, scope);
        }),
      );
    },
    summarize(scope) {
      return counted(async (): Promise<ScopeSummary> => {
        const resources = await query<{ resource: string; objects: number; bytes: string }>(
          `SELECT resource, count(*)::int AS objects, sum(bytes)::bigint AS bytes
           FROM resource_objects WHERE ${scopeWhere} GROUP BY resource ORDER BY resource`,
          scopeArgs(scope),
        );
        const usage = await query<{ objects: number; bytes: string }>(
          'SELECT objects, bytes FROM resource_usage WHERE consumer = $1',
          [scope.consumer],
        );
        const row = (
          await query<{ touched_at: string }>(
            `SELECT touched_at FROM resource_scopes WHERE ${scopeWhere}`,
            scopeArgs(scope),
          )
        )[0];
        return {
          objects: resources.reduce((sum, item) => sum + item.objects, 0),
          bytes: resources.reduce((sum, item) => sum + Number(item.bytes), 0),
          resources: resources.map((item) => ({ resource: item.resource, objects: item.objects })),
          consumer: {
            objects: usage[0]?.objects ?? 0,
            bytes: Number(usage[0]?.bytes ?? 0),
          },
          touchedAt: row === undefined ? undefined : Number(row.touched_at),
        };
      });
    },
    expireIdle() {
      return counted(async () => {
        const cutoff = now() - options.idleMs;
        const idle = await query<Scope>(
          'SELECT consumer, api, version FROM resource_scopes WHERE touched_at < $1 ORDER BY touched_at',
          [cutoff],
        );
        let dropped = 0;
        for (const scope of idle) {
          // Another instance may have used, reset or swept it meanwhile: checked again, locked.
          dropped += await transaction(async (client) => {
            await lockUsage(client, scope.consumer);
            const { rowCount } = await client.query(
              `SELECT 1 FROM resource_scopes WHERE ${scopeWhere} AND touched_at < $4`,
              [...scopeArgs(scope), cutoff],
            );
            if (rowCount !== 1) return 0;
            await dropScope(client, scope);
            return 1;
          });
        }
        return dropped;
      });
    },
    calls: () => calls,
    async close() {
      const pool = await opening.catch(() => undefined);
      if (pool) await closePostgres(pool);
    },
  };
}

function toScopeKey(scope: Scope): string {
  return `${scope.consumer}\u0000${scope.api}\u0000${scope.version}`;
}
