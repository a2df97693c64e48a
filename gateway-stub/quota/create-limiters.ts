import type { DatabaseSync } from 'node:sqlite';
import type { KeyHasher } from '../keys/key-hasher.ts';
import { quotaWindowSeconds } from '../routing/route-table.ts';
import { createWindowPersistence } from './persist-windows.ts';
import { createSlidingWindow, type SlidingWindow } from './sliding-window.ts';

/** The gateway's two limiters, kept in the store across restarts. */
export interface Limiters {
  /** Calls per subscription over a minute: the plans' quotas. */
  quota: SlidingWindow;
  /** Trial keys per client address over an hour. */
  trialKeys: SlidingWindow;
  /** Failed client authentications per client address over a minute (guessing secrets). */
  authFailures: SlidingWindow;
  /** Writes the counts to the store now (throws when it refuses: they are kept for next time). */
  flush(): void;
  /** Stops the timers and writes the counts a last time. */
  close(): void;
}

/** What the limiters need. */
export interface LimitersOptions {
  db: DatabaseSync;
  /** Client addresses are stored as keyed hashes, not as they are. */
  hasher: KeyHasher;
  /** How often counts reach the store: at most this much is forgotten after a crash. */
  flushMs: number;
  /** A write the store refused (reported by the caller once per outage). */
  onFailure: (error: unknown) => void;
  /** A write that worked. */
  onSuccess: () => void;
}

const trialWindowMs = 3_600_000;

/**
 * Creates the limiters, restoring the counts a previous gateway left in the store, and keeps
 * them there (`persist-windows.ts`) every `flushMs` and at close. Idle subjects are forgotten
 * each minute so memory stays bounded.
 */
export function createLimiters(options: LimitersOptions): Limiters {
  const quota = createSlidingWindow(quotaWindowSeconds * 1000);
  const trialWindow = createSlidingWindow(trialWindowMs);
  // Not kept across restarts: a restart forgets a minute of failures at most.
  const failureWindow = createSlidingWindow(60_000);
  const persistence = createWindowPersistence(options.db, [
    { kind: 'api', window: quota, windowMs: quotaWindowSeconds * 1000 },
    { kind: 'trial-keys', window: trialWindow, windowMs: trialWindowMs },
  ]);
  const flushQuietly = (): void => {
    try {
      persistence.flush();
      options.onSuccess();
    } catch (error) {
      options.onFailure(error);
    }
  };
  const flusher = setInterval(flushQuietly, options.flushMs);
  flusher.unref();
  const sweeper = setInterval(() => {
    const now = performance.now();
    quota.sweep(now);
    trialWindow.sweep(now);
    failureWindow.sweep(now);
  }, 60_000);
  sweeper.unref();
  return {
    quota,
    trialKeys: withHashedSubjects(trialWindow, (address) =>
      options.hasher.hashKey(address).toString('base64url'),
    ),
    authFailures: failureWindow,
    flush() {
      persistence.flush();
    },
    close() {
      clearInterval(flusher);
      clearInterval(sweeper);
      flushQuietly();
    },
  };
}

/** The same limiter, counting `hash(subject)`: what reaches the store is never an address. */
function withHashedSubjects(
  window: SlidingWindow,
  hash: (subject: string) => string,
): SlidingWindow {
  return {
    take: (subject, limit, now) => window.take(hash(subject), limit, now),
    peek: (subject, limit, now) => window.peek(hash(subject), limit, now),
    sweep: (now) => {
      window.sweep(now);
    },
    read: (subject, now) => window.read(hash(subject), now),
    readInto: (subject, now, into) => window.readInto(hash(subject), now, into),
    restore: (subject, stamps, now) => {
      window.restore(hash(subject), stamps, now);
    },
    takeChanged: () => window.takeChanged(),
    get size() {
      return window.size;
    },
  };
}
