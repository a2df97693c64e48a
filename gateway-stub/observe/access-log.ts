import { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the access log. Never the key: only the consumer it belongs to. */
export interface AccessLogEntry {
  /** ISO date-time the request arrived. */
  time: string;
  requestId: string;
  /** '' when no key was recognised. */
  consumerId: string;
  api: string;
  version: string;
  method: string;
  /** Path without the query string, which could carry anything a client put there. */
  path: string;
  status: number;
  latencyMs: number;
  /** Requests left in the quota window, or null when no quota applied. */
  quotaLeft: number | null;
  /** Client address, blurred when the gateway is told to anonymise. */
  client: string;
}

/** Writes the access log: one JSON line a request, one file a day. */
export interface AccessLog {
  /** Formats and buffers one line; `entry` is not kept and may be reused by the caller. */
  write(entry: AccessLogEntry): void;
  /** Writes buffered lines now. */
  flush(): void;
  /** Deletes the daily files beyond the retention; returns the names deleted. */
  prune(today?: Date): string[];
  close(): void;
}

/** Where and how long to keep the log. */
export interface AccessLogOptions {
  dir: string;
  retentionDays: number;
  /** Buffered lines are written at least this often. */
  flushIntervalMs?: number;
}

const filePattern = /^access-(\d{4}-\d{2}-\d{2})\.jsonl$/;
const bufferBytes = 256 * 1024;
const dayMs = 86_400_000;

/**
 * Creates the log in `dir` (`access-YYYY-MM-DD.jsonl`, UTC days). Lines are buffered and
 * written in one system call every `flushIntervalMs` (or when 256 KiB are waiting), so the
 * request path pays for formatting a line, not for a write. A crash loses at most that interval.
 * Only the last `retentionDays` daily files (today included) are kept: older ones are deleted at
 * start and at each change of day.
 */
export function createAccessLog(options: AccessLogOptions): AccessLog {
  const { dir, retentionDays } = options;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Lines are encoded straight into one buffer, written out in one call when it fills or
  // on the timer: no array of strings to join, no string kept per request.
  let buffer = Buffer.allocUnsafe(bufferBytes);
  let used = 0;
  let day = '';
  let dayEndsAt = 0;
  let fd: number | undefined;

  function open(now: number): void {
    if (fd !== undefined) closeSync(fd);
    const date = new Date(now);
    day = date.toISOString().slice(0, 10);
    dayEndsAt = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) + dayMs;
    fd = openSync(join(dir, `access-${day}.jsonl`), 'a', 0o600);
  }

  function flush(): void {
    if (used === 0) return;
    if (fd === undefined) open(Date.now());
    if (fd !== undefined) writeSync(fd, buffer, 0, used);
    used = 0;
  }

  const log: AccessLog = {
    write(entry) {
      const now = Date.now();
      if (now >= dayEndsAt) {
        flush();
        open(now);
        log.prune(new Date(now));
      }
      const line = toAccessLogLine(entry);
      // Three bytes a character at most, as UTF-8: room is checked before encoding.
      if (used + line.length * 3 > buffer.length) {
        flush();
        if (line.length * 3 > buffer.length) buffer = Buffer.allocUnsafe(line.length * 3);
      }
      used += buffer.write(line, used, 'utf8');
    },
    flush,
    prune(today = new Date()) {
      const cutoff = new Date(today.getTime() - (retentionDays - 1) * dayMs)
        .toISOString()
        .slice(0, 10);
      const deleted: string[] = [];
      for (const name of readdirSync(dir)) {
        const fileDay = filePattern.exec(name)?.[1];
        if (fileDay === undefined || fileDay >= cutoff) continue;
        rmSync(join(dir, name), { force: true });
        deleted.push(name);
      }
      return deleted;
    },
    close() {
      clearInterval(timer);
      flush();
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
  log.prune();
  const timer = setInterval(flush, options.flushIntervalMs ?? 250);
  timer.unref();
  return log;
}

/**
 * One JSON line, written field by field: the same text as `JSON.stringify(entry)` for the
 * values the gateway produces (ids, slugs and methods hold no character JSON escapes; the
 * path, which could, goes through `JSON.stringify`), at a fraction of its cost per request.
 */
export function toAccessLogLine(entry: AccessLogEntry): string {
  return `{"time":"${entry.time}","requestId":"${entry.requestId}","consumerId":"${entry.consumerId}","api":"${entry.api}","version":"${entry.version}","method":"${entry.method}","path":${JSON.stringify(entry.path)},"status":${entry.status},"latencyMs":${entry.latencyMs},"quotaLeft":${entry.quotaLeft === null ? 'null' : entry.quotaLeft},"client":"${entry.client}"}\n`;
}
