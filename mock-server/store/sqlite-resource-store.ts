import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { inMemoryPath, inTransaction, openSqlite } from '../../catalog/sqlite/open-sqlite.ts';
import { toSqliteCode, toStoreError } from '../../catalog/sqlite/store-errors.ts';
import { resourceMigrations } from './resource-migrations.ts';
import type {
  CollectionKey,
  ResourceStore,
  Scope,
  ScopeSummary,
  StoredObject,
  WriteOutcome,
} from './resource-store.ts';

/** The mock server's file in the sandbox's data folder, beside the gateway's. */
export const resourcesFileName = 'resources.sqlite';

/** SQLite's result code for a constraint broken (here: an id already taken). */
const sqliteConstraint = 19;

/** What a row costs beyond its JSON and id, so a flood of empty objects still counts. */
const rowOverheadBytes = 64;

/** How to open the store. */
export interface ResourceStoreOptions {
  /** The sandbox's data folder; `undefined` keeps everything in memory (lost at exit). */
  dataDir: string | undefined;
  /** Data unused for longer than this are dropped. */
  idleMs: number;
  maxObjectsPerConsumer: number;
  maxBytesPerConsumer: number;
  /** Check every page at opening (the mock server does at start). */
  checkIntegrity?: boolean;
  /** The clock (tests move it). */
  now?: () => number;
}

interface Usage {
  objects: number;
  bytes: number;
}

/**
 * Opens the SQLite store of objects (WAL, migrations, the page check: `openSqlite`). Every
 * write is one transaction. A consumer's totals, which the limits are checked against, are
 * counted from its rows the first time the process meets it, then kept in memory beside each
 * write: a creation writes one row, not a row and a counter (measured: the counter's page
 * was a third of a creation's CPU). The mock server is the store's one writer. A scope's last
 * use is written at most every minute (or tenth of the idle time): a read costs one SELECT,
 * not a write.
 */
export function openResourceStore(options: ResourceStoreOptions): ResourceStore {
  const db = openSqlite(
    options.dataDir === undefined ? inMemoryPath : join(options.dataDir, resourcesFileName),
    {
      steps: resourceMigrations,
      owner: 'mock server',
      ...(options.checkIntegrity === undefined ? {} : { checkIntegrity: options.checkIntegrity }),
    },
  );
  const now = options.now ?? Date.now;
  const refreshMs = Math.min(60_000, Math.max(1, Math.floor(options.idleMs / 10)));
  const touched = new Map<string, number>();
  const sql = prepareStatements(db);
  let sequence = (sql.maxSeq.get() as { seq: number | null }).seq ?? 0;
  let calls = 0;

  const scopeArgs = (scope: Scope) => [scope.consumer, scope.api, scope.version] as const;
  const keyArgs = (scope: Scope, key: CollectionKey) =>
    [...scopeArgs(scope), key.resource, key.parent] as const;
  const usage = new Map<string, Usage>();
  const usageOf = (consumer: string): Usage => {
    let known = usage.get(consumer);
    if (!known) {
      const row = sql.usage.get(consumer) as unknown as Usage;
      known = { objects: row.objects, bytes: row.bytes };
      usage.set(consumer, known);
    }
    return known;
  };
  const count = (consumer: string, objects: number, bytes: number): void => {
    const known = usageOf(consumer);
    known.objects += objects;
    known.bytes += bytes;
  };
  const costOf = (id: string, text: string): number =>
    Buffer.byteLength(text) + Buffer.byteLength(id) + rowOverheadBytes;

  const insertRow = (scope: Scope, key: CollectionKey, id: string, text: string): WriteOutcome => {
    const usage = usageOf(scope.consumer);
    const cost = costOf(id, text);
    if (usage.objects + 1 > options.maxObjectsPerConsumer) {
      return { ok: false, reason: 'objects-limit' };
    }
    if (usage.bytes + cost > options.maxBytesPerConsumer) {
      return { ok: false, reason: 'bytes-limit' };
    }
    sequence += 1;
    try {
      sql.insert.run(...keyArgs(scope, key), id, sequence, text, cost);
    } catch (error) {
      // The primary key says the id is taken: one statement, where a look-up first made two.
      if (toSqliteCode(error) === sqliteConstraint) return { ok: false, reason: 'exists' };
      throw error;
    }
    count(scope.consumer, 1, cost);
    return { ok: true };
  };

  const dropScope = (scope: Scope): number => {
    const total = sql.scopeTotal.get(...scopeArgs(scope)) as {
      objects: number;
      bytes: number | null;
    };
    sql.dropObjects.run(...scopeArgs(scope));
    count(scope.consumer, -total.objects, -(total.bytes ?? 0));
    sql.dropScope.run(...scopeArgs(scope));
    touched.delete(toScopeKey(scope));
    return total.objects;
  };

  const inWrite = <T>(work: () => T): Promise<T> => {
    calls += 1;
    try {
      return Promise.resolve(inTransaction(db, work));
    } catch (error) {
      // Rolled back (a full disk): totals and last uses counted meanwhile are read again.
      usage.clear();
      touched.clear();
      throw error;
    }
  };
  /**
   * A write of one statement (or a look-up and one statement) needs no transaction of its own:
   * SQLite commits each statement whole, and the totals it changes are this process's.
   */
  const inStatement = <T>(work: () => T): Promise<T> => {
    calls += 1;
    try {
      return Promise.resolve(work());
    } catch (error) {
      usage.clear();
      throw toStoreError(error, db.location() ?? '(in memory)');
    }
  };
  const inRead = <T>(work: () => T): Promise<T> => {
    calls += 1;
    return Promise.resolve(work());
  };

  return {
    enter(scope, seeds) {
      const key = toScopeKey(scope);
      const at = now();
      const last = touched.get(key);
      if (last !== undefined && at - last < refreshMs) {
        calls += 1;
        return Promise.resolve();
      }
      return inWrite(() => {
        const row = sql.findScope.get(...scopeArgs(scope)) as { touchedAt: number } | undefined;
        const expired = row !== undefined && at - row.touchedAt > options.idleMs;
        if (expired) dropScope(scope);
        if (row === undefined || expired) {
          sql.createScope.run(...scopeArgs(scope), at, at);
          // Seeds past a limit are left out: the consumer starts with what fits.
          for (const seed of seeds()) insertRow(scope, seed, seed.id, seed.text);
        } else {
          sql.touchScope.run(at, ...scopeArgs(scope));
        }
        touched.set(key, at);
      });
    },
    read(scope, key, id) {
      return inRead(() => {
        const row = sql.find.get(...keyArgs(scope, key), id) as { body: string } | undefined;
        return row?.body;
      });
    },
    list(scope, key) {
      return inRead(() =>
        (sql.list.all(...keyArgs(scope, key)) as { id: string; body: string }[]).map(
          (row): StoredObject => ({ id: row.id, text: row.body }),
        ),
      );
    },
    insert(scope, key, id, text) {
      return inStatement(() => insertRow(scope, key, id, text));
    },
    replace(scope, key, id, text) {
      return inStatement((): WriteOutcome => {
        const row = sql.find.get(...keyArgs(scope, key), id) as { bytes: number } | undefined;
        if (!row) return { ok: false, reason: 'missing' };
        const cost = costOf(id, text);
        const usage = usageOf(scope.consumer);
        if (usage.bytes - row.bytes + cost > options.maxBytesPerConsumer) {
          return { ok: false, reason: 'bytes-limit' };
        }
        sql.update.run(text, cost, ...keyArgs(scope, key), id);
        count(scope.consumer, 0, cost - row.bytes);
        return { ok: true };
      });
    },
    remove(scope, key, id) {
      return inStatement(() => {
        const row = sql.find.get(...keyArgs(scope, key), id) as { bytes: number } | undefined;
        if (!row) return false;
        sql.remove.run(...keyArgs(scope, key), id);
        count(scope.consumer, -1, -row.bytes);
        return true;
      });
    },
    maxNumericId(scope, key) {
      return inRead(() => {
        const row = sql.maxNumeric.get(...keyArgs(scope, key)) as { id: number | null };
        return row.id ?? 0;
      });
    },
    reset(scope) {
      return inWrite(() => dropScope(scope));
    },
    summarize(scope) {
      return inRead((): ScopeSummary => {
        const resources = sql.perResource.all(...scopeArgs(scope)) as {
          resource: string;
          objects: number;
        }[];
        const total = sql.scopeTotal.get(...scopeArgs(scope)) as unknown as Usage;
        const row = sql.findScope.get(...scopeArgs(scope)) as { touchedAt: number } | undefined;
        return {
          objects: total.objects,
          bytes: total.bytes,
          resources: resources.map((item) => ({ ...item })),
          consumer: { ...usageOf(scope.consumer) },
          touchedAt: row?.touchedAt,
        };
      });
    },
    expireIdle() {
      return inWrite(() => {
        const idle = sql.idleScopes.all(now() - options.idleMs) as unknown as Scope[];
        for (const scope of idle) dropScope(scope);
        return idle.length;
      });
    },
    calls: () => calls,
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

function toScopeKey(scope: Scope): string {
  return `${scope.consumer}\u0000${scope.api}\u0000${scope.version}`;
}

function prepareStatements(db: DatabaseSync) {
  const scope = 'consumer = ? AND api = ? AND version = ?';
  const collection = `${scope} AND resource = ? AND parent = ?`;
  return {
    maxSeq: db.prepare('SELECT MAX(seq) AS seq FROM objects'),
    usage: db.prepare(
      'SELECT COUNT(*) AS objects, COALESCE(SUM(bytes), 0) AS bytes FROM objects WHERE consumer = ?',
    ),
    findScope: db.prepare(`SELECT touched_at AS touchedAt FROM scopes WHERE ${scope}`),
    createScope: db.prepare(
      'INSERT INTO scopes (consumer, api, version, created_at, touched_at) VALUES (?, ?, ?, ?, ?)',
    ),
    touchScope: db.prepare(`UPDATE scopes SET touched_at = ? WHERE ${scope}`),
    dropScope: db.prepare(`DELETE FROM scopes WHERE ${scope}`),
    dropObjects: db.prepare(`DELETE FROM objects WHERE ${scope}`),
    scopeTotal: db.prepare(
      `SELECT COUNT(*) AS objects, COALESCE(SUM(bytes), 0) AS bytes FROM objects WHERE ${scope}`,
    ),
    perResource: db.prepare(
      `SELECT resource, COUNT(*) AS objects FROM objects WHERE ${scope} GROUP BY resource ORDER BY resource`,
    ),
    idleScopes: db.prepare(
      'SELECT consumer, api, version FROM scopes WHERE touched_at < ? ORDER BY touched_at',
    ),
    find: db.prepare(`SELECT body, bytes FROM objects WHERE ${collection} AND id = ?`),
    list: db.prepare(`SELECT id, body FROM objects WHERE ${collection} ORDER BY seq`),
    insert: db.prepare(
      `INSERT INTO objects (consumer, api, version, resource, parent, id, seq, body, bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    update: db.prepare(`UPDATE objects SET body = ?, bytes = ? WHERE ${collection} AND id = ?`),
    remove: db.prepare(`DELETE FROM objects WHERE ${collection} AND id = ?`),
    maxNumeric: db.prepare(
      `SELECT MAX(CAST(id AS INTEGER)) AS id FROM objects
       WHERE ${collection} AND id GLOB '[0-9]*' AND id NOT GLOB '*[^0-9]*' AND length(id) < 16`,
    ),
  };
}
