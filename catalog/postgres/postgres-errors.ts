import pg from 'pg';
import { StoreFullError } from '../sqlite/store-errors.ts';

/**
 * PostgreSQL's failures that say something about the database rather than about a request: it
 * cannot be reached (refused, reset, timed out, shut down, out of connections), or its disk is
 * full. They are turned into these errors where they happen, so the sandbox answers a problem
 * that names the cause (503 while the database is away, 507 for a full disk, as with SQLite),
 * never a 500, and the message never carries the connection's password.
 */

/** The database did not answer: nothing was changed, retry in a moment. */
export class StoreUnavailableError extends Error {
  constructor(options?: ErrorOptions) {
    super('the sandbox store (PostgreSQL) cannot be reached', options);
    this.name = 'StoreUnavailableError';
  }
}

/** SQLSTATE `disk_full` (class 53, insufficient resources). */
const diskFull = '53100';

/**
 * SQLSTATEs of a database that is away: class 08 (connection exception), 57P01–57P03 (shut
 * down, crashed, starting) and 53300 (too many connections).
 */
function isAway(code: string): boolean {
  return code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300';
}

/** Socket errors of a database host that is down, unknown or cut off. */
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** node-postgres's own words for a connection that broke or never came up. */
const lostConnection =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Connection ended|Client has encountered a connection error|Query read timeout/i;

/** True for a failure of the connection itself, not of a query. */
function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && networkCodes.has(code)) return true;
  // An answer that is not PostgreSQL's protocol (another server on the port).
  if (
    error.name === 'MessageParseError' ||
    /unexpected message|invalid message|server does not support SSL|does not support SSL/i.test(
      error.message,
    )
  )
    return true;
  return lostConnection.test(error.message);
}

/** The SQLSTATE of a PostgreSQL error, or undefined for any other error. */
export function toSqlState(error: unknown): string | undefined {
  return error instanceof pg.DatabaseError ? error.code : undefined;
}

/**
 * `error` as `StoreFullError` or `StoreUnavailableError` when it is one of those failures, else
 * unchanged. A failure of the connection (a socket refused or reset, a connection timeout,
 * "Connection terminated", an answer that is not PostgreSQL's) means the database is away; an
 * error the server sends with another SQLSTATE is a fault of the query, left as it is.
 */
export function toPostgresStoreError(error: unknown): unknown {
  if (error instanceof StoreFullError || error instanceof StoreUnavailableError) return error;
  const code = toSqlState(error);
  if (code === diskFull) return new StoreFullError({ cause: error });
  if (code === undefined ? isConnectionFailure(error) : isAway(code)) {
    return new StoreUnavailableError({ cause: error });
  }
  return error;
}

/** True when the database could not be reached. */
export function isStoreUnavailable(error: unknown): boolean {
  return error instanceof StoreUnavailableError;
}
