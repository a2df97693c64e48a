/** What the deadline queue needs of a request it watches. */
export interface Watched {
  /** `performance.now()` at which the request expires; set by `add`. */
  expiresAt: number;
  /** Neighbours in the queue, while in it. */
  previous: Watched | undefined;
  next: Watched | undefined;
  /** True while in the queue. */
  watched: boolean;
}

/** Requests waiting for an answer, each until its own deadline. */
export interface Deadlines<T extends Watched> {
  /** Starts the request's time: it expires `timeoutMs` from now unless removed before. */
  add(item: T): void;
  /** Stops watching the request (it was answered); nothing if it was not watched. */
  remove(item: T): void;
  /** Stops the timer; requests still watched never expire. */
  close(): void;
}

/**
 * Creates the queue. Every request gets the same time, so the one added first is always the
 * first to expire: requests are kept in the order they were added, in a list whose links are
 * the requests' own fields, and one timer waits for the oldest — rather than one timer per
 * request, which cost an allocation, an insertion in Node's timer lists and a removal on every
 * forwarded call (and, one call at a time, a timer list made and dropped each time). When the
 * timer fires, the requests past their deadline expire, oldest first, and it waits for the next
 * one; the oldest being answered meanwhile only makes it wake for nothing. It does not keep the
 * process alive: the requests' own connections do.
 */
export function createDeadlines<T extends Watched>(
  timeoutMs: number,
  expire: (item: T) => void,
): Deadlines<T> {
  let oldest: Watched | undefined;
  let newest: Watched | undefined;
  let timer: NodeJS.Timeout | undefined;

  const unlink = (item: Watched): void => {
    if (item.previous === undefined) oldest = item.next;
    else item.previous.next = item.next;
    if (item.next === undefined) newest = item.previous;
    else item.next.previous = item.previous;
    item.previous = undefined;
    item.next = undefined;
    item.watched = false;
  };

  const arm = (delayMs: number): void => {
    timer = setTimeout(wake, Math.max(1, Math.ceil(delayMs)));
    timer.unref();
  };

  function wake(): void {
    timer = undefined;
    const now = performance.now();
    while (oldest !== undefined && oldest.expiresAt <= now) {
      const item = oldest;
      unlink(item);
      expire(item as T);
    }
    if (oldest !== undefined) arm(oldest.expiresAt - now);
  }

  return {
    add(item) {
      item.expiresAt = performance.now() + timeoutMs;
      item.previous = newest;
      item.next = undefined;
      item.watched = true;
      if (newest === undefined) oldest = item;
      else newest.next = item;
      newest = item;
      if (timer === undefined) arm(timeoutMs);
    },
    remove(item) {
      if (item.watched) unlink(item);
    },
    close() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
