import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatProblem,
  loadCatalog,
  readSnapshot,
  type Catalog,
  type CatalogApi,
} from '../../catalog/index.ts';
import { createClientService, type ClientService } from '../clients/client-service.ts';
import { createSigningKeys, type SigningKeys } from '../oauth/signing-keys.ts';
import { createKeyHasher } from '../keys/key-hasher.ts';
import { createKeyService, type ApiAccess, type KeyService } from '../keys/key-service.ts';
import { openRedis, RedisOpenError } from '../redis/open-redis.ts';
import type { ChangeChannel } from '../store/change-channel.ts';
import { readServerSecret, secretFileName } from '../store/data-files.ts';
import { openRedisChangeChannel } from '../store/redis-change-channel.ts';
import { openSqliteGatewayStore, type GatewayStore } from '../store/gateway-store.ts';
import { databaseFileName, openDatabase } from '../store/open-database.ts';
import { openPostgresGatewayStore } from '../store/postgres/open-postgres-store.ts';
import { SecretMismatchError, toSecretFingerprint } from '../store/secret-check.ts';

/** Name of the catalog snapshot the sandbox writes in its data folder. */
export const sandboxSnapshotName = 'catalog.json';

/** A key service on the gateway's store, for a process other than the gateway. */
export interface OpenedKeyService {
  keys: KeyService;
  clients: ClientService;
  signingKeys: SigningKeys;
  /** Gives the store back (the file, or the connections). */
  close(): Promise<void>;
}

/** What the key service knows of an API: its visibility and its scopes. */
export function toApiAccess(api: CatalogApi): ApiAccess {
  return {
    visibility: api.visibility,
    scopes: [
      ...new Set(api.versions.flatMap((version) => version.scopes.map((scope) => scope.name))),
    ],
    restrictedScopes: api.restrictedScopes,
  };
}

/** How the command uses the store. */
export interface KeyServiceUse {
  /** A reading command (`list`): finding no store is an answer, and nothing is created. */
  reading: boolean;
  /** `GUICHET_DATABASE_URL`: the store on PostgreSQL, as the gateways use it. */
  databaseUrl?: string | undefined;
  /** `GUICHET_REDIS_URL`: changes are announced there too, as the gateways announce theirs. */
  redisUrl?: string | undefined;
  /** `GUICHET_REDIS_PREFIX` (`guichet:`). */
  redisPrefix?: string | undefined;
  /** Where to say that Redis could not be told (the change is made all the same). */
  onNotice?: (line: string) => void;
}

/** The data folder holds no store yet: nothing to read. */
export class NoStoreError extends Error {
  constructor(dataDir: string) {
    super(
      `no sandbox store in ${dataDir} yet — start the sandbox once (npm run sandbox) or create a key (npm run keys -- create …)`,
    );
    this.name = 'NoStoreError';
  }
}

/**
 * Opens the same store the gateway uses: the data folder's SQLite file — checked page by page
 * first, as the gateway does at start, so a damaged file throws `StoreDamagedError` (naming it,
 * saying what to do) before any command reads or writes it — or PostgreSQL when `databaseUrl`
 * names it. A writing command checks that the data folder's secret is the store's
 * (`SecretMismatchError`): keys it issued would otherwise work nowhere. The catalog comes from
 * the sandbox's snapshot in the data folder when there is one (the APIs the running gateway
 * knows), else from `apis/`.
 */
export async function openKeyService(
  dataDir: string,
  use: KeyServiceUse = { reading: false },
): Promise<OpenedKeyService> {
  const onSqlite = use.databaseUrl === undefined;
  if (onSqlite && use.reading && !existsSync(join(dataDir, databaseFileName))) {
    throw new NoStoreError(dataDir);
  }
  const catalog = await readCatalog(dataDir);
  const apis = new Map<string, ApiAccess>(catalog.apis.map((api) => [api.id, toApiAccess(api)]));
  // A reading command never creates the secret: it hashes no key, so a throwaway one will do.
  const secretMissing = use.reading && !existsSync(join(dataDir, secretFileName));
  const hasher = createKeyHasher(secretMissing ? randomBytes(32) : readServerSecret(dataDir));
  const { store, close } = await openStore(dataDir, use.databaseUrl);
  try {
    if (!use.reading) {
      const fingerprint = toSecretFingerprint(hasher);
      if ((await store.claimSecretCheck(fingerprint)) !== fingerprint) {
        throw new SecretMismatchError(store.location, join(dataDir, secretFileName));
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  const changes = use.reading ? undefined : await openAnnouncements(use);
  const onChange = (): void => {
    changes?.announce();
  };
  const signingKeys = createSigningKeys({ store: store.signingKeys });
  return {
    keys: createKeyService({ store: store.keys, clients: store.clients, hasher, apis, onChange }),
    clients: createClientService({ clients: store.clients, hasher, onChange }),
    signingKeys: {
      ...signingKeys,
      async rotate() {
        const kid = await signingKeys.rotate();
        onChange();
        return kid;
      },
    },
    async close() {
      await changes?.close();
      await close();
    },
  };
}

/**
 * The Redis channel the gateways listen on, when `GUICHET_REDIS_URL` names one. A Redis that
 * cannot be used does not stop the command: the gateways learn its change from the store
 * anyway (PostgreSQL's NOTIFY, or the SQLite file they watch); the notice says so.
 */
async function openAnnouncements(use: KeyServiceUse): Promise<ChangeChannel | undefined> {
  if (use.redisUrl === undefined) return undefined;
  const notice = use.onNotice ?? (() => undefined);
  let redis;
  try {
    redis = await openRedis(use.redisUrl);
  } catch (error) {
    if (!(error instanceof RedisOpenError)) throw error;
    notice(`${error.message}; the change is made, and the gateways learn it from the store`);
    return undefined;
  }
  const connection = redis;
  const channel = await openRedisChangeChannel({
    redis: connection,
    prefix: use.redisPrefix ?? 'guichet:',
    onNotice: notice,
  });
  return {
    announce: () => {
      channel.announce();
    },
    async close() {
      await channel.close();
      await connection.close();
    },
  };
}

/** The store itself, and how to give it back. */
async function openStore(
  dataDir: string,
  databaseUrl: string | undefined,
): Promise<{ store: GatewayStore; close: () => Promise<void> }> {
  if (databaseUrl !== undefined) {
    // No session listening: the command makes its changes and leaves.
    const store = await openPostgresGatewayStore({
      url: databaseUrl,
      onNotice: () => undefined,
      listen: false,
    });
    return { store, close: () => store.close() };
  }
  const db = openDatabase(dataDir, { checkIntegrity: true });
  const store = openSqliteGatewayStore(db, dataDir);
  return {
    store,
    async close() {
      await store.close();
      db.close();
    },
  };
}

async function readCatalog(dataDir: string): Promise<Catalog> {
  const snapshot = join(dataDir, sandboxSnapshotName);
  if (existsSync(snapshot)) return readSnapshot(snapshot);
  const result = await loadCatalog({ audience: 'internal', brokenApis: 'leave-out' });
  if (result.failed) {
    throw new Error(
      `apis/ has errors, so the API ids cannot be checked:\n${result.problems.map(formatProblem).join('\n')}`,
    );
  }
  return result.catalog;
}
