/**
 * What a store's method gives: the value itself from SQLite, which answers synchronously, or a
 * promise of it from PostgreSQL. Callers on the request path test for a promise and stay
 * synchronous when there is none, so the SQLite path pays nothing for PostgreSQL's; callers
 * elsewhere simply `await` it.
 */
export type Awaitable<T> = T | Promise<T>;

/** A store whose every method answers at once: what the SQLite implementations return. */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Awaited<R> : T[K];
};

/**
 * Calls `use` with the value, at once when there is no promise, once it settles otherwise. Off
 * the request path only: it allocates `use` on each call.
 */
export function whenReady<T, R>(
  value: Awaitable<T>,
  use: (ready: T) => Awaitable<R>,
): Awaitable<R> {
  return value instanceof Promise ? value.then(use) : use(value);
}
