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
  // One subject's times, then their bytes, reused from one subject to the next: a busy
  // sandbox writes every busy subject's window each second, which made an array of numbers, a
  // closure and a buffer for each of them.
  let times = new Float64Array(64);
  let bytes = Buffer.allocUnsafe(times.length * 8);
  /** The times of `subject` at `at` as stored (epoch ms, oldest first), or undefined for none. */
  const encode = (window: SlidingWindow, subject: string, at: number): Buffer | undefined => {
    let count = window.readInto(subject, at, times);
    if (count > times.length) {
      times = new Float64Array(count * 2);
      bytes = Buffer.allocUnsafe(times.length * 8);
      count = window.readInto(subject, at, times);
    }
    if (count === 0) return undefined;
    for (let index = 0; index < count; index += 1) {
      bytes.writeDoubleLE(origin + (times[index] ?? 0), index * 8);
    }
    return bytes.subarray(0, count * 8);
  };
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
            const encoded = encode(window, subject, at);
            if (encoded === undefined) remove.run(kind, subject);
            else upsert.run(kind, subject, encoded, Math.round(origin + at));
          }
          removeIdle.run(kind, Math.round(origin + at - windowMs));
        });
      });
      for (const subjects of pending) subjects.clear();
    },
  };
}

function decodeStamps(bytes: Uint8Array, origin: number): number[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stamps: number[] = [];
  for (let offset = 0; offset + 8 <= buffer.length; offset += 8) {
    stamps.push(buffer.readDoubleLE(offset) - origin);
  }
  return stamps;
}
