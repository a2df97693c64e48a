import type { Migration } from '../../catalog/sqlite/open-sqlite.ts';

/**
 * The schema of `resources.sqlite`, the mock server's file: append-only steps, never edit one
 * that has shipped, add the next. Lists are read by the primary key's prefix (one consumer's
 * collection) and sorted by `seq` then: an index on `seq` cost a page write more per creation,
 * for collections of a few hundred objects at most.
 */
export const resourceMigrations: readonly Migration[] = [
  {
    version: 1,
    summary: "consumers' objects per API version and resource, and each scope's last use",
    sql: `
      CREATE TABLE scopes (
        consumer TEXT NOT NULL,
        api TEXT NOT NULL,
        version TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        touched_at INTEGER NOT NULL,
        PRIMARY KEY (consumer, api, version)
      ) WITHOUT ROWID;
      CREATE INDEX scopes_by_use ON scopes (touched_at);
      CREATE TABLE objects (
        consumer TEXT NOT NULL,
        api TEXT NOT NULL,
        version TEXT NOT NULL,
        resource TEXT NOT NULL,
        parent TEXT NOT NULL,
        id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        body TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        PRIMARY KEY (consumer, api, version, resource, parent, id)
      ) WITHOUT ROWID;
    `,
  },
];
