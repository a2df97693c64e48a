import { randomBytes } from 'node:crypto';
import {
  closePostgres,
  describePostgresFailure,
  describePostgresUrl,
  openPostgres,
  PostgresOpenError,
} from '../../../catalog/postgres/open-postgres.ts';
import { createChangeWatch } from '../change-watch.ts';
import type { GatewayStore } from '../gateway-store.ts';
import { gatewayStoreComponent, toEngineSteps } from '../migrations.ts';
import { listenForChanges, type ChangeListener } from './change-listener.ts';
import { createPostgresKeyStores } from './postgres-key-store.ts';
import {
  createPostgresSecretCheck,
  createPostgresSigningKeyStore,
} from './postgres-signing-key-store.ts';
import { createPostgresUsageStore } from './postgres-usage-store.ts';

/** How to open the store. */
export interface PostgresGatewayStoreOptions {
  /** `GUICHET_DATABASE_URL`. */
  url: string;
  /** Where to say that the database was lost, then is back (once each). */
  onNotice: (line: string) => void;
  /**
   * Listen for the changes others make (default true): a gateway does, to drop its caches; a
   * command that writes and leaves does not.
   */
  listen?: boolean;
}

/**
 * Opens the gateway's store on PostgreSQL, for several gateways (and `npm run keys` from any
 * host) on one database: the schema's PostgreSQL steps applied under the migration lock (three
 * instances starting at once: one migrates, the others find nothing to do), one pool for the
 * process, and a session listening for the changes the others announce. Nothing on the
 * request path waits for the database for a key already seen: the caches answer, and a change
 * anywhere drops them everywhere. The database unreachable at start: `PostgresOpenError`.
 */
export async function openPostgresGatewayStore(
  options: PostgresGatewayStoreOptions,
): Promise<GatewayStore> {
  const pool = await openPostgres({
    url: options.url,
    component: gatewayStoreComponent,
    steps: toEngineSteps('postgres'),
  });
  const location = describePostgresUrl(options.url);
  const instance = randomBytes(12).toString('base64url');
  // Changes come from the listening session, not from a look at each request.
  const watch = createChangeWatch({
    hasChanged: () => false,
    close: () => undefined,
  });
  let listener: ChangeListener | undefined;
  try {
    if (options.listen !== false)
      listener = await listenForChanges({
        url: options.url,
        instance,
        onChange: () => {
          watch.notify();
        },
        onLost: () => {
          options.onNotice(
            `PostgreSQL at ${location} cannot be reached: keys and clients already used keep working from memory, changes and first uses answer 503 store-unavailable until it is back`,
          );
        },
        onBack: () => {
          options.onNotice(`PostgreSQL at ${location} answers again`);
        },
      });
  } catch (error) {
    await closePostgres(pool);
    throw new PostgresOpenError(
      `cannot listen for changes on PostgreSQL at ${location} (${describePostgresFailure(error)}) — check that the database answers`,
      { cause: error },
    );
  }
  const { keys, clients } = createPostgresKeyStores(pool, instance);
  return {
    engine: 'postgres',
    location,
    keys,
    clients,
    signingKeys: createPostgresSigningKeyStore(pool, instance),
    usage: createPostgresUsageStore(pool),
    watch,
    claimSecretCheck: createPostgresSecretCheck(pool),
    async close() {
      await listener?.close();
      await closePostgres(pool);
    },
  };
}
