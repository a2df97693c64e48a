/**
 * SQLite's failures that say something about a store itself rather than about a request: a
 * full disk, a damaged file. They are turned into these errors where they happen, so the
 * gateway and the mock server answer a problem that names the cause (507 for a full disk), and
 * refuse to start with the file's path, instead of a generic 500 or SQLite's own words.
 */

/** SQLite primary result codes (https://www.sqlite.org/rescode.html). */
const sqliteFull = 13;
const sqliteCorrupt = 11;
const sqliteNotADatabase = 26;

/** The disk holding the store is full: nothing was written, retry once space is freed. */
export class StoreFullError extends Error {
  constructor(options?: ErrorOptions) {
    super('the disk holding the sandbox store is full', options);
    this.name = 'StoreFullError';
  }
}

/** The store file is damaged: the gateway cannot trust what it reads. */
export class StoreDamagedError extends Error {
  readonly path: string;

  constructor(path: string, reason: string, options?: ErrorOptions) {
    super(
      `${path} — the sandbox store is damaged (${reason}) — restore it from a backup, or move it away to start with an empty store`,
      options,
    );
    this.name = 'StoreDamagedError';
    this.path = path;
  }
}

/** SQLite's result code of an error of `node:sqlite`, or undefined for any other error. */
export function toSqliteCode(error: unknown): number | undefined {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  // Extended codes carry the primary one in their low byte.
  return typeof code === 'number' ? code & 0xff : undefined;
}

/** True when SQLite says the disk (or the store's size limit) is full. */
export function isStoreFull(error: unknown): boolean {
  return error instanceof StoreFullError || toSqliteCode(error) === sqliteFull;
}

/** True when SQLite says the file is damaged or is not a database at all. */
export function isStoreDamaged(error: unknown): boolean {
  const code = toSqliteCode(error);
  return code === sqliteCorrupt || code === sqliteNotADatabase;
}

/** `error` as one of the errors above when it is one of those failures, else unchanged. */
export function toStoreError(error: unknown, path: string): unknown {
  if (error instanceof StoreFullError || error instanceof StoreDamagedError) return error;
  if (isStoreFull(error)) return new StoreFullError({ cause: error });
  if (isStoreDamaged(error)) {
    return new StoreDamagedError(path, (error as Error).message, { cause: error });
  }
  return error;
}
