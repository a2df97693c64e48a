import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../catalog/sqlite/open-sqlite.ts';
import type { SlidingWindow } from './sliding-window.ts';

/** One limiter whose counts survive a restart, under its own kind in `quota_windows`. */
export interface PersistedWindow {
  /** `api` (per subscription) or `trial-keys` (per client address, hashed). */
  kind: string;
  window: SlidingWindow;
  windowMs: number;
}

/** Writes the limiters' counts to the store and reads them back at start. */
export interface WindowPersistence {
  /** Writes the subjects counted since the last write; throws when the store refuses. */
  flush(): void;
}

/**
 * Keeps quota windows in the store, so a restarted gateway goes on counting where the last one
 * stopped: 100 calls before a restart and 100 after no longer pass within the same minute. Each
 * limiter's counted times are written as epoch milliseconds (8 bytes each, oldest first) for
 * the subjects counted since the previous write; the caller writes on a timer and at shutdown.
 * A graceful restart thus loses nothing; after a crash (SIGKILL) only the calls counted since the
 * last write are forgotten, so a key can get at most one write interval's worth of calls twice.
 * A failed write keeps its subjects for the next one.
 *
 * Times are kept on `performance.now()`'s clock in memory; `performance.timeOrigin` converts
 * them to and from the wall clock the store shares with the next process.
 */
export function createWindowPersistence(
  db: DatabaseSync,
  windows: readonly PersistedWindow[],
): WindowPersistence {
  const select = db.prepare(
    'SELECT subject, stamps FROM quota_windows WHERE kind = ? AND updated_at > ?',
  );
  const upsert = db.prepare(
    `INSERT INTO quota_windows (kind, subject, stamps, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, subject) DO UPDATE SET stamps = excluded.stamps, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM quota_windows WHERE kind = ? AND subject = ?');
  const removeIdle = db.prepare('DELETE FROM quota_windows WHERE kind = ? AND updated_at <= ?');
  const origin = performance.timeOrigin;

  const now = performance.now();
  for (const { kind, window, windowMs } of windows) {
    const rows = select.all(kind, origin + now - windowMs) as {
      subject: string;
      stamps: Uint8Array;
    }[];
    for (const row of rows) window.restore(row.subject, decodeStamps(row.stamps, origin), now);
  }

  const pending = windows.map(() => new Set<string>());
  return {
    flush() {
      windows.forEach(({ window }, index) => {
        for (const subject of window.takeChanged()) pending[index]?.add(subject);
      });
      if (pending.every((subjects) => subjects.size === 0)) return;
      const at = performance.now();
      inTransaction(db, () => {
        windows.forEach(({ kind, window, windowMs }, index) => {
          for (const subject of pending[index] ?? []) {
            const stamps = window.read(subject, at);
            if (stamps.length === 0) remove.run(kind, subject);
            else upsert.run(kind, subject, encodeStamps(stamps, origin), Math.round(origin + at));
          }
          removeIdle.run(kind, Math.round(origin + at - windowMs));
        });
      });
      for (const subjects of pending) subjects.clear();
    },
  };
}

function encodeStamps(stamps: readonly number[], origin: number): Buffer {
  const bytes = Buffer.allocUnsafe(stamps.length * 8);
  stamps.forEach((stamp, index) => bytes.writeDoubleLE(origin + stamp, index * 8));
  return bytes;
}

function decodeStamps(bytes: Uint8Array, origin: number): number[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stamps: number[] = [];
  for (let offset = 0; offset + 8 <= buffer.length; offset += 8) {
    stamps.push(buffer.readDoubleLE(offset) - origin);
  }
  return stamps;
}
