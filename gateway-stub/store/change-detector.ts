import { closeSync, openSync, readSync } from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Tells whether the store changed since the last look, commits of other processes included. */
export interface ChangeDetector {
  /** True when something was committed since the previous call (or maybe was: never misses). */
  hasChanged(): boolean;
  close(): void;
}

/**
 * Size of the WAL-index header: two copies of 48 bytes at the start of the `-shm` file
 * (https://www.sqlite.org/walformat.html, "The WAL-Index Header"). Every commit, by any
 * connection of any process, rewrites it (its change counter, frame count, salts).
 */
const walIndexHeaderBytes = 96;

/**
 * Creates the detector for a store opened in WAL mode at `databasePath`. It reads the
 * WAL-index header with one `pread` of 96 bytes, half the cost of `PRAGMA data_version`
 * (SQLite takes and releases its read locks: two `fcntl` and an `fstat`, plus the statement)
 * — measured on the gateway's request path, that check was its largest cost at low load.
 * Every commit rewrites that header, the gateway's own too — its quota windows every second,
 * its usage counts and its lock's heartbeat every few — and taking those for changes dropped
 * every cache that often (measured: most requests of a 1,000-key run then paid a store query
 * and an HMAC). So a header that moved is confirmed with `PRAGMA data_version`, which moves
 * only for commits of other connections; the header read keeps the check cheap when nothing
 * was committed. It can only err towards a change (another connection's checkpoint, say).
 * When the `-shm` file cannot be read, it falls back to `PRAGMA data_version` alone.
 */
export function createChangeDetector(db: DatabaseSync, databasePath: string): ChangeDetector {
  let fd: number | undefined;
  try {
    fd = openSync(`${databasePath}-shm`, 'r');
  } catch {
    return createDataVersionDetector(db);
  }
  const current = Buffer.alloc(walIndexHeaderBytes);
  const previous = Buffer.alloc(walIndexHeaderBytes);
  const fallback = createDataVersionDetector(db);
  readSync(fd, previous, 0, walIndexHeaderBytes, 0);
  return {
    hasChanged() {
      if (fd === undefined) return fallback.hasChanged();
      let read: number;
      try {
        read = readSync(fd, current, 0, walIndexHeaderBytes, 0);
      } catch {
        read = 0;
      }
      if (read !== walIndexHeaderBytes) {
        // The file went away or shrank (it should not while the store is open): stop trusting it.
        closeSync(fd);
        fd = undefined;
        return true;
      }
      if (current.equals(previous)) return false;
      current.copy(previous);
      return fallback.hasChanged();
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** `PRAGMA data_version`: changes when another connection has committed. */
function createDataVersionDetector(db: DatabaseSync): ChangeDetector {
  const statement: StatementSync = db.prepare('PRAGMA data_version');
  statement.setReturnArrays(true);
  const read = (): number => (statement.get() as unknown as [number] | undefined)?.[0] ?? 0;
  let seen = read();
  return {
    hasChanged() {
      const version = read();
      if (version === seen) return false;
      seen = version;
      return true;
    },
    close() {
      // Nothing to release: the statement goes with the database.
    },
  };
}
