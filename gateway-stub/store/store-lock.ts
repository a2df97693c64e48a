import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';

/** How often the gateway holding the store says it is alive. */
export const lockHeartbeatMs = 2_000;
/** A heartbeat older than this is a gateway that stopped (crashed, frozen): its lock is void. */
export const lockStaleMs = 15_000;

/** The store is served by another gateway that is alive. */
export class StoreInUseError extends Error {
  constructor(path: string, holder: LockRow) {
    super(
      `${path} is already served by the gateway with pid ${String(holder.pid)} on ${holder.host} (since ${holder.startedAt}): two gateways on one store would each count their own quotas — stop that one first, or give this one its own data folder (GUICHET_SANDBOX_DIR)`,
    );
    this.name = 'StoreInUseError';
  }
}

interface LockRow {
  owner: string;
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: number;
}

/** The lock of the one gateway writing quotas and usage to a store. */
export interface StoreLock {
  /** Says the holder is alive; false when another gateway has taken the store over since. */
  beat(): boolean;
  /** Gives the store up, for the next gateway to start at once. */
  release(): void;
}

/**
 * Takes the store for this gateway, or throws `StoreInUseError` naming the one that holds it.
 * The lock is a row (owner, pid, host, heartbeat) rather than an OS file lock, which Node does
 * not offer: it is taken in one write transaction, so two gateways starting together cannot
 * both win, and it is void once its holder is dead — its pid gone, on this host — or silent for
 * `lockStaleMs` (a pid reused by another process, a host that cannot be asked), so a crashed
 * gateway never blocks the next one for long. The keys CLI takes no lock: it writes keys, not
 * quotas, and works beside the running gateway.
 */
export function acquireStoreLock(db: DatabaseSync, path: string): StoreLock {
  const owner = randomBytes(12).toString('base64url');
  const host = hostname();
  inTransaction(db, () => {
    const holder = db
      .prepare(
        'SELECT owner, pid, host, started_at AS startedAt, heartbeat_at AS heartbeatAt FROM gateway_lock WHERE id = 1',
      )
      .get() as LockRow | undefined;
    if (holder !== undefined && isAlive(holder, host)) throw new StoreInUseError(path, holder);
    db.prepare(
      `INSERT INTO gateway_lock (id, owner, pid, host, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host,
         started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`,
    ).run(owner, process.pid, host, new Date().toISOString(), Date.now());
  });
  const heartbeat = db.prepare(
    'UPDATE gateway_lock SET heartbeat_at = ? WHERE id = 1 AND owner = ?',
  );
  const release = db.prepare('DELETE FROM gateway_lock WHERE id = 1 AND owner = ?');
  return {
    beat() {
      return Number(heartbeat.run(Date.now(), owner).changes) === 1;
    },
    release() {
      release.run(owner);
    },
  };
}

function isAlive(holder: LockRow, host: string): boolean {
  if (Date.now() - holder.heartbeatAt >= lockStaleMs) return false;
  if (holder.host !== host) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
