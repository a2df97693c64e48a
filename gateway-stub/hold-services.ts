import type { DatabaseSync } from 'node:sqlite';
import { isStoreFull } from '../catalog/sqlite/store-errors.ts';
import type { GatewayOptions } from './gateway-options.ts';
import { createKeyHasher, type KeyHasher } from './keys/key-hasher.ts';
import { createOutageNotice } from './observe/outage-notice.ts';
import { openGatewayServices, type GatewayServices } from './open-services.ts';
import type { ApiRoute } from './routing/route-table.ts';
import { readAdminToken, readServerSecret } from './store/data-files.ts';
import type { GatewayStore } from './store/gateway-store.ts';
import { holdStore, type HeldStore } from './store/hold-store.ts';

/**
 * The writes the gateway makes on timers, other than usage counts (its quota windows, its
 * lock's heartbeat): a refusal of the store is reported once per outage, as usage counts do.
 */
export interface BackgroundWrites {
  failed: (error: unknown) => void;
  succeeded: () => void;
  /** Counts a write refused for a full disk (set once the observer, which counts them, exists). */
  countStoreFull: () => void;
}

/** A gateway's store, held for it, and the services over it. */
export interface HeldServices {
  held: HeldStore;
  /** The data folder's SQLite file: quota windows and the lock live there whatever the store. */
  db: DatabaseSync;
  services: GatewayServices;
  hasher: KeyHasher;
  adminToken: string;
  background: BackgroundWrites;
}

/**
 * Reads the data folder's server secret and admin token (creating them on first start), holds
 * its SQLite file for this gateway, and opens the services over the store `openStore` returns.
 * Nothing is left held when a step fails: the error is thrown once the lock is released.
 */
export function holdServices(
  options: GatewayOptions,
  routes: ReadonlyMap<string, ApiRoute>,
  openStore: (db: DatabaseSync) => GatewayStore,
  announce: () => void,
  onNotice: (line: string) => void,
): HeldServices {
  // Read before the store is held, so a damaged secret file leaves no lock behind.
  const hasher = createKeyHasher(readServerSecret(options.dataDir));
  const adminToken = readAdminToken(options.dataDir, options.adminToken);
  const outage = createOutageNotice(
    onNotice,
    'quota windows',
    () => 'quotas still apply; a restart now would forget the calls counted since',
  );
  const background: BackgroundWrites = {
    failed: (error) => {
      if (isStoreFull(error)) background.countStoreFull();
      outage.failed(error);
    },
    succeeded: () => {
      outage.succeeded();
    },
    countStoreFull: () => undefined,
  };
  const held = holdStore(options.dataDir, background.failed);
  const { db } = held;
  let opened: GatewayStore | undefined;
  try {
    opened = openStore(db);
    const services = openGatewayServices({
      store: opened,
      dataDir: options.dataDir,
      hasher,
      apis: routes,
      issuer: options.issuerUrl,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds,
      announce,
    });
    return { held, db, services, hasher, adminToken, background };
  } catch (error) {
    // The SQLite store closes at once; PostgreSQL's is closed by `openGateway`.
    if (opened?.engine === 'sqlite') void opened.close();
    held.release();
    db.close();
    throw error;
  }
}
