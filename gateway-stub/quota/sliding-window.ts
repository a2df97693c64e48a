/**
 * A sliding-window log: at most `limit` requests in ANY span of `windowMs`, not just in each
 * calendar minute, so a client cannot spend two quotas across a window boundary. Each
 * subject keeps the times of its counted requests in a ring buffer; the decision is
 * synchronous, so requests arriving together on Node's single thread are counted exactly.
 */

/** What a `take` decided. */
export interface WindowDecision {
  allowed: boolean;
  /** Requests still allowed in the window after this one. */
  remaining: number;
  /** Whole seconds until the oldest counted request leaves the window (0 when none). */
  resetSeconds: number;
}

interface Ring {
  stamps: Float64Array;
  /** Index of the oldest stamp. */
  head: number;
  size: number;
  /** Time of the newest stamp, to forget idle subjects. */
  last: number;
}

/**
 * Whole seconds until a counted request leaves the window, from the milliseconds left: what
 * `RateLimit`'s `t` and `Retry-After` say, here and from Redis's answer (`redis-quota.ts`).
 * Whole milliseconds first: float sums of clock readings (`a + 60000 - a`) can exceed the
 * window by a hair, which `ceil` would turn into a whole extra second.
 */
export function toResetSeconds(milliseconds: number): number {
  return Math.max(0, Math.ceil(Math.round(milliseconds) / 1000));
}

/** Counts requests per subject (a subscription, a client address) over a sliding window. */
export interface SlidingWindow {
  /** Counts one request for `subject` if the window has room; never counts a refusal. */
  take(subject: string, limit: number, now: number): WindowDecision;
  /** What `take` would decide now, without counting anything (for limits on failures only). */
  peek(subject: string, limit: number, now: number): WindowDecision;
  /** Forgets subjects idle for a whole window; call now and then to bound memory. */
  sweep(now: number): void;
  /** The times counted for `subject` and still in the window at `now`, oldest first. */
  read(subject: string, now: number): number[];
  /** Counts past requests of `subject` again (after a restart): times on this clock, oldest first. */
  restore(subject: string, stamps: readonly number[], now: number): void;
  /** The subjects counted since the previous call, which starts a new list. */
  takeChanged(): Set<string>;
  /** Number of subjects tracked. */
  readonly size: number;
}

/** Creates a limiter over windows of `windowMs` milliseconds (times from a monotonic clock). */
export function createSlidingWindow(windowMs: number): SlidingWindow {
  if (!(windowMs > 0)) throw new Error('the window must last more than 0 ms');
  const rings = new Map<string, Ring>();
  const decision: WindowDecision = { allowed: false, remaining: 0, resetSeconds: 0 };
  let changed = new Set<string>();

  function prune(ring: Ring, now: number): void {
    const capacity = ring.stamps.length;
    const horizon = now - windowMs;
    while (ring.size > 0 && (ring.stamps[ring.head] ?? 0) <= horizon) {
      ring.head = (ring.head + 1) % capacity;
      ring.size -= 1;
    }
  }

  function grow(ring: Ring, limit: number): void {
    // Start small and double: most keys make a handful of calls, a few make thousands.
    const capacity = Math.min(limit, Math.max(8, ring.stamps.length * 2));
    const stamps = new Float64Array(capacity);
    for (let index = 0; index < ring.size; index += 1) {
      stamps[index] = ring.stamps[(ring.head + index) % ring.stamps.length] ?? 0;
    }
    ring.stamps = stamps;
    ring.head = 0;
  }

  function resetOf(ring: Ring, now: number): number {
    if (ring.size === 0) return 0;
    const oldest = ring.stamps[ring.head] ?? now;
    return toResetSeconds(oldest + windowMs - now);
  }

  return {
    take(subject, limit, now) {
      let ring = rings.get(subject);
      if (ring === undefined) {
        ring = { stamps: new Float64Array(Math.min(limit, 8)), head: 0, size: 0, last: now };
        rings.set(subject, ring);
      }
      prune(ring, now);
      // The returned object is reused: callers read it at once, and the hot path allocates less.
      if (ring.size >= limit) {
        decision.allowed = false;
        decision.remaining = 0;
        decision.resetSeconds = resetOf(ring, now);
        return decision;
      }
      if (ring.size === ring.stamps.length) grow(ring, limit);
      ring.stamps[(ring.head + ring.size) % ring.stamps.length] = now;
      ring.size += 1;
      ring.last = now;
      changed.add(subject);
      decision.allowed = true;
      decision.remaining = limit - ring.size;
      decision.resetSeconds = resetOf(ring, now);
      return decision;
    },
    peek(subject, limit, now) {
      const ring = rings.get(subject);
      if (ring !== undefined) prune(ring, now);
      const size = ring?.size ?? 0;
      decision.allowed = size < limit;
      decision.remaining = Math.max(0, limit - size);
      decision.resetSeconds = ring === undefined ? 0 : resetOf(ring, now);
      return decision;
    },
    sweep(now) {
      for (const [subject, ring] of rings) {
        if (ring.last <= now - windowMs) rings.delete(subject);
      }
    },
    read(subject, now) {
      const ring = rings.get(subject);
      if (ring === undefined) return [];
      prune(ring, now);
      const stamps: number[] = [];
      for (let index = 0; index < ring.size; index += 1) {
        stamps.push(ring.stamps[(ring.head + index) % ring.stamps.length] ?? 0);
      }
      return stamps;
    },
    restore(subject, stamps, now) {
      const kept = stamps.filter((stamp) => stamp > now - windowMs && stamp <= now);
      if (kept.length === 0) return;
      const ring: Ring = {
        stamps: new Float64Array(Math.max(8, kept.length)),
        head: 0,
        size: kept.length,
        last: kept.at(-1) ?? now,
      };
      ring.stamps.set(kept);
      rings.set(subject, ring);
    },
    takeChanged() {
      const subjects = changed;
      changed = new Set();
      return subjects;
    },
    get size() {
      return rings.size;
    },
  };
}
