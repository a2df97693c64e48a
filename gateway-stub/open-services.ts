import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { createClientLookup, type ClientLookup } from './clients/client-lookup.ts';
import { createClientService, type ClientService } from './clients/client-service.ts';
import type { KeyHasher } from './keys/key-hasher.ts';
import { createKeyLookup, type KeyLookup } from './keys/key-lookup.ts';
import { createKeyService, type ApiAccess, type KeyService } from './keys/key-service.ts';
import { createAccessTokens, type AccessTokens } from './oauth/access-tokens.ts';
import { createRevokedTokens, type RevokedTokens } from './oauth/revoked-tokens.ts';
import { createSigningKeys, type SigningKeys } from './oauth/signing-keys.ts';
import { createChangeDetector } from './store/change-detector.ts';
import { createChangeWatch, type ChangeWatch } from './store/change-watch.ts';
import { createClientStore, type ClientStore } from './store/client-store.ts';
import { createKeyStore, type KeyStore } from './store/key-store.ts';
import { databaseFileName } from './store/open-database.ts';
import { createSigningKeyStore } from './store/signing-key-store.ts';

/** Everything the gateway reads and writes in its store, with the caches in front of it. */
export interface GatewayServices {
  store: KeyStore;
  clientStore: ClientStore;
  watch: ChangeWatch;
  keyLookup: KeyLookup;
  clientLookup: ClientLookup;
  keys: KeyService;
  clients: ClientService;
  signingKeys: SigningKeys;
  revoked: RevokedTokens;
  tokens: AccessTokens;
  close(): void;
}

/** What the services are opened with. */
export interface GatewayServicesOptions {
  db: DatabaseSync;
  dataDir: string;
  hasher: KeyHasher;
  apis: ReadonlyMap<string, ApiAccess>;
  issuer: string;
  tokenLifetimeSeconds: number;
}

/**
 * Opens the services over the store. One change watch tells every cache when the store
 * changed — a revocation by the CLI in another process included — so each drops or reloads
 * what it holds before the next request is answered; changes made here tell it at once.
 */
export function openGatewayServices(options: GatewayServicesOptions): GatewayServices {
  const { db, hasher } = options;
  const store = createKeyStore(db);
  const clientStore = createClientStore(db);
  const changes = createChangeDetector(db, join(options.dataDir, databaseFileName));
  const watch = createChangeWatch(changes);
  const keyLookup = createKeyLookup(watch, store, hasher);
  const clientLookup = createClientLookup(watch, store, clientStore, hasher);
  const signingKeys = createSigningKeys({ store: createSigningKeyStore(db) });
  const revoked = createRevokedTokens(clientStore);
  watch.onChange(() => {
    signingKeys.invalidate();
    revoked.invalidate();
  });
  // The first key is made at start-up, not on the first token request.
  signingKeys.current();
  const onChange = (): void => {
    watch.notify();
  };
  return {
    store,
    clientStore,
    watch,
    keyLookup,
    clientLookup,
    keys: createKeyService({
      db,
      store,
      clients: clientStore,
      hasher,
      apis: options.apis,
      onChange,
    }),
    clients: createClientService({ db, keys: store, clients: clientStore, hasher, onChange }),
    signingKeys,
    revoked,
    tokens: createAccessTokens({
      issuer: options.issuer,
      lifetimeSeconds: options.tokenLifetimeSeconds,
      signingKeys,
      revoked,
      maxCached: 65_536,
    }),
    close() {
      changes.close();
    },
  };
}
