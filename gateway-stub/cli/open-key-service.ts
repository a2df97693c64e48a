import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import {
  formatProblem,
  loadCatalog,
  readSnapshot,
  type Catalog,
  type CatalogApi,
} from '../../catalog/index.ts';
import { createClientService, type ClientService } from '../clients/client-service.ts';
import { createSigningKeys, type SigningKeys } from '../oauth/signing-keys.ts';
import { createClientStore } from '../store/client-store.ts';
import { createSigningKeyStore } from '../store/signing-key-store.ts';
import { createKeyHasher } from '../keys/key-hasher.ts';
import { createKeyService, type ApiAccess, type KeyService } from '../keys/key-service.ts';
import { readServerSecret, secretFileName } from '../store/data-files.ts';
import { createKeyStore } from '../store/key-store.ts';
import { databaseFileName, openDatabase } from '../store/open-database.ts';

/** Name of the catalog snapshot the sandbox writes in its data folder. */
export const sandboxSnapshotName = 'catalog.json';

/** A key service on the data folder's store, for a process other than the gateway. */
export interface OpenedKeyService {
  keys: KeyService;
  clients: ClientService;
  signingKeys: SigningKeys;
  db: DatabaseSync;
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
 * Opens the same store the gateway uses, checked page by page first as the gateway does at
 * start: a damaged file throws `StoreDamagedError` (naming it, saying what to do) before any
 * command reads or writes it. The catalog comes from the sandbox's snapshot in the data folder
 * when there is one (the APIs the running gateway knows), else from `apis/`.
 */
export async function openKeyService(
  dataDir: string,
  use: KeyServiceUse = { reading: false },
): Promise<OpenedKeyService> {
  if (use.reading && !existsSync(join(dataDir, databaseFileName))) throw new NoStoreError(dataDir);
  const catalog = await readCatalog(dataDir);
  const apis = new Map<string, ApiAccess>(catalog.apis.map((api) => [api.id, toApiAccess(api)]));
  const db = openDatabase(dataDir, { checkIntegrity: true });
  const store = createKeyStore(db);
  const clients = createClientStore(db);
  // A reading command never creates the secret: it hashes no key, so a throwaway one will do.
  const secretMissing = use.reading && !existsSync(join(dataDir, secretFileName));
  const hasher = createKeyHasher(secretMissing ? randomBytes(32) : readServerSecret(dataDir));
  return {
    keys: createKeyService({ db, store, clients, hasher, apis }),
    clients: createClientService({ db, keys: store, clients, hasher }),
    signingKeys: createSigningKeys({ store: createSigningKeyStore(db) }),
    db,
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
