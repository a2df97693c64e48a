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
const dayMs = 86_400_000;

/**
 * Creates the log in `dir` (`access-YYYY-MM-DD.jsonl`, UTC days). Lines are buffered and
 * written in one system call every `flushIntervalMs` (or when many are waiting), so the
 * request path pays for a `JSON.stringify`, not a write. A crash loses at most that interval.
 * Only the last `retentionDays` daily files (today included) are kept: older ones are deleted at
 * start and at each change of day.
 */
export function createAccessLog(options: AccessLogOptions): AccessLog {
  const { dir, retentionDays } = options;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let lines: string[] = [];
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
    if (lines.length === 0) return;
    if (fd === undefined) open(Date.now());
    const text = lines.join('');
    lines = [];
    if (fd !== undefined) writeSync(fd, text);
  }

  const log: AccessLog = {
    write(entry) {
      const now = Date.now();
      if (now >= dayEndsAt) {
        flush();
        open(now);
        log.prune(new Date(now));
      }
      lines.push(JSON.stringify(entry) + '\n');
      if (lines.length >= 512) flush();
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
