import type { Migration } from '../../catalog/sqlite/open-sqlite.ts';

/** The mock server's line in `guichet_migrations`. */
export const resourcesComponent = 'mock server resources';

/**
 * The schema of the consumers' objects in PostgreSQL: the steps of `resource-migrations.ts`
 * (SQLite) in PostgreSQL's words, plus what several mock servers on one database need. Tables
 * are prefixed `resource_` so the gateway's store can share the database. Append-only:
 * never edit a step that has shipped, add the next.
 *
 * - `seq` comes from the table's own sequence: the order objects were made, across instances.
 * - `resource_usage` holds each consumer's totals, the row a write locks first: every instance
 *   checks the limits against it in the same statement or transaction as the write, so two
 *   instances cannot both take the last place.
 */
export const postgresResourceMigrations: readonly Migration[] = [
  {
    version: 1,
    summary:
      "consumers' objects per API version and resource, each scope's last use, and each consumer's totals",
    sql: `
      CREATE TABLE resource_scopes (
        consumer TEXT NOT NULL,
        api TEXT NOT NULL,
        version TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        touched_at BIGINT NOT NULL,
        PRIMARY KEY (consumer, api, version)
      );
      CREATE INDEX resource_scopes_by_use ON resource_scopes (touched_at);
      CREATE TABLE resource_objects (
        consumer TEXT NOT NULL,
        api TEXT NOT NULL,
        version TEXT NOT NULL,
        resource TEXT NOT NULL,
        parent TEXT NOT NULL,
        id TEXT NOT NULL,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        body TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        PRIMARY KEY (consumer, api, version, resource, parent, id)
      );
      CREATE TABLE resource_usage (
        consumer TEXT PRIMARY KEY,
        objects INTEGER NOT NULL CHECK (objects >= 0),
        bytes BIGINT NOT NULL CHECK (bytes >= 0)
      );
    `,
  },
];
