import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { databaseFileName, openDatabase } from './open-database.ts';
import { acquireStoreLock, lockHeartbeatMs, lockStaleMs } from './store-lock.ts';

/** The store as the one gateway serving it holds it. */
export interface HeldStore {
  db: DatabaseSync;
  /** Settles, with why, if another gateway takes the store over (this one was frozen too long). */
  lost: Promise<string>;
  /** Stops the heartbeat and gives the store up (before the database is closed). */
  release(): void;
}

/**
 * Opens the store for a gateway: checked page by page (a damaged file stops the start with its
 * path), then locked to this gateway (`store-lock.ts`; another live one stops the start), then
 * kept by a heartbeat. A heartbeat that fails (a full disk) is reported to `onFailure`; one
 * that finds the lock taken over settles `lost`, for the gateway to stop writing.
 */
export function holdStore(dataDir: string, onFailure: (error: unknown) => void): HeldStore {
  const db = openDatabase(dataDir, { checkIntegrity: true });
  const path = join(dataDir, databaseFileName);
  let lock;
  try {
    lock = acquireStoreLock(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  let settleLost: (reason: string) => void = () => undefined;
  const lost = new Promise<string>((resolve) => {
    settleLost = resolve;
  });
  const heartbeat = setInterval(() => {
    try {
      if (lock.beat()) return;
      clearInterval(heartbeat);
      settleLost(
        `another gateway took ${path} over after this one gave no sign of life for ${String(lockStaleMs / 1000)} s: this one stops`,
      );
    } catch (error) {
      onFailure(error);
    }
  }, lockHeartbeatMs);
  heartbeat.unref();
  return {
    db,
    lost,
    release() {
      clearInterval(heartbeat);
      try {
        lock.release();
      } catch (error) {
        // A lock left behind goes stale on its own: the next gateway waits at most for that.
        onFailure(error);
      }
    },
  };
}
