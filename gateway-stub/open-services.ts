import { join } from 'node:path';
import { createClientLookup, type ClientLookup } from './clients/client-lookup.ts';
import { createClientService, type ClientService } from './clients/client-service.ts';
import type { KeyHasher } from './keys/key-hasher.ts';
import { createKeyLookup, type KeyLookup } from './keys/key-lookup.ts';
import { createKeyService, type ApiAccess, type KeyService } from './keys/key-service.ts';
import { createAccessTokens, type AccessTokens } from './oauth/access-tokens.ts';
import { createRevokedTokens, type RevokedTokens } from './oauth/revoked-tokens.ts';
import { createSigningKeys, type SigningKeys } from './oauth/signing-keys.ts';
import { whenReady, type Awaitable } from './store/awaitable.ts';
import type { ChangeWatch } from './store/change-watch.ts';
import { secretFileName } from './store/data-files.ts';
import type { GatewayStore } from './store/gateway-store.ts';
import { SecretMismatchError, toSecretFingerprint } from './store/secret-check.ts';

/** Everything the gateway reads and writes in its store, with the caches in front of it. */
export interface GatewayServices {
  store: GatewayStore;
  watch: ChangeWatch;
  keyLookup: KeyLookup;
  clientLookup: ClientLookup;
  keys: KeyService;
  clients: ClientService;
  signingKeys: SigningKeys;
  revoked: RevokedTokens;
  tokens: AccessTokens;
  /**
   * Tells this process's caches, and the other processes through every change channel, that a
   * change was just committed here.
   */
  announceChange: () => void;
  /**
   * Settles once the store is checked (its secret is this data folder's) and holds a signing
   * key: at once on SQLite, after a few reads on PostgreSQL. Throws `SecretMismatchError`.
   */
  ready: Awaitable<void>;
}

/** What the services are opened with. */
export interface GatewayServicesOptions {
  store: GatewayStore;
  dataDir: string;
  hasher: KeyHasher;
  apis: ReadonlyMap<string, ApiAccess>;
  issuer: string;
  tokenLifetimeSeconds: number;
  /** Tells the other processes of a change committed here (Redis's channel), if any. */
  announce?: () => void;
}

/**
 * Opens the services over the store. One change watch tells every cache when the store
 * changed — a revocation by the CLI in another process, or by another instance on PostgreSQL,
 * included — so each drops or reloads what it holds before the next request is answered;
 * changes made here tell it at once.
 */
export function openGatewayServices(options: GatewayServicesOptions): GatewayServices {
  const { store, hasher } = options;
  const { watch } = store;
  const keyLookup = createKeyLookup(watch, store.keys, hasher);
  const clientLookup = createClientLookup(watch, store.clients, hasher);
  const signingKeys = createSigningKeys({ store: store.signingKeys });
  const revoked = createRevokedTokens(store.clients);
  watch.onChange(() => {
    signingKeys.invalidate();
    revoked.invalidate();
  });
  const onChange = (): void => {
    watch.notify();
    options.announce?.();
  };
  const fingerprint = toSecretFingerprint(hasher);
  const ready = whenReady(store.claimSecretCheck(fingerprint), (recorded) => {
    if (recorded !== fingerprint) {
      throw new SecretMismatchError(store.location, join(options.dataDir, secretFileName));
    }
    // The first key is made at start-up, not on the first token request.
    return whenReady(signingKeys.current(), () => undefined);
  });
  return {
    store,
    watch,
    keyLookup,
    clientLookup,
    keys: createKeyService({
      store: store.keys,
      clients: store.clients,
      hasher,
      apis: options.apis,
      onChange,
    }),
    clients: createClientService({ clients: store.clients, hasher, onChange }),
    signingKeys,
    revoked,
    announceChange: onChange,
    tokens: createAccessTokens({
      issuer: options.issuer,
      lifetimeSeconds: options.tokenLifetimeSeconds,
      signingKeys,
      revoked,
      maxCached: 65_536,
    }),
    ready,
  };
}
