import type pg from 'pg';
import { secretCheckSql } from '../secret-check.ts';
import {
  signingKeySql,
  toSigningKeyValues,
  type SigningKeyRecord,
  type SigningKeyStore,
} from '../signing-key-store.ts';
import { countChanges, createQuery, inChangeTransaction } from './postgres-queries.ts';

/** The advisory lock under which a new store gets its first signing key (`gsk` in ASCII). */
const firstKeyLock = 0x67736b;

/** The signing key store on PostgreSQL: SQLite's statements, each write announced. */
export function createPostgresSigningKeyStore(pool: pg.Pool, instance: string): SigningKeyStore {
  const query = createQuery(pool);
  return {
    listKeys: () => query<SigningKeyRecord>(signingKeySql.list),
    async insertFirstKey(key) {
      await inChangeTransaction(pool, instance, async (client) => {
        // Three instances starting on an empty database: one key, not three.
        await client.query('SELECT pg_advisory_xact_lock($1)', [firstKeyLock]);
        const current = await countChanges(client, signingKeySql.hasCurrent, []);
        if (current === 0)
          await countChanges(client, signingKeySql.insert, toSigningKeyValues(key));
      });
    },
    async rotate(key, pruneBefore) {
      await inChangeTransaction(pool, instance, async (client) => {
        await countChanges(client, signingKeySql.retireAll, [key.createdAt]);
        await countChanges(client, signingKeySql.insert, toSigningKeyValues(key));
        await countChanges(client, signingKeySql.prune, [pruneBefore]);
      });
    },
  };
}

/** `claimSecretCheck` on PostgreSQL: the first instance's secret is the store's. */
export function createPostgresSecretCheck(pool: pg.Pool): (fingerprint: string) => Promise<string> {
  const query = createQuery(pool);
  return async (fingerprint) => {
    await query(secretCheckSql.claim, [fingerprint]);
    const [row] = await query<{ value: string }>(secretCheckSql.read);
    return row?.value ?? fingerprint;
  };
}
