import type { ChangeDetector } from './change-detector.ts';

/**
 * Tells every cache of the gateway when the store changed — by this process or another (the
 * CLI) — so a revocation applies to the very next request.
 */
export interface ChangeWatch {
  /** Looks for a change (once per turn of the event loop) and tells every listener of one. */
  check(): void;
  /** Tells every listener now (after a change made through this process's connection). */
  notify(): void;
  /** Adds a listener: it drops or reloads what it cached. */
  onChange(listener: () => void): void;
}

/**
 * Creates the watch. The check is a system call, so it runs once per turn of the event loop
 * rather than once per request: every request handled in a turn was received before the
 * turn's poll returned, hence after any commit that preceded its sending, and the first check
 * of the turn sees that commit. Under load a turn handles many requests; one at a time, each
 * gets its own check. One detector for every cache: each read consumes the change it sees.
 */
export function createChangeWatch(changes: ChangeDetector): ChangeWatch {
  const listeners: (() => void)[] = [];
  let checkedThisTurn = false;
  const endTurn = (): void => {
    checkedThisTurn = false;
  };
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  return {
    check() {
      if (checkedThisTurn) return;
      checkedThisTurn = true;
      setImmediate(endTurn);
      if (changes.hasChanged()) notify();
    },
    notify,
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
