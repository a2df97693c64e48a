import { createDailyLogFiles } from './daily-log-files.ts';

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
  /** Writes buffered lines now; lines the disk refuses are dropped and counted, never thrown. */
  flush(): void;
  /** Deletes the daily files beyond the retention; returns the names deleted. */
  prune(today?: Date): string[];
  /** Lines dropped since start because the disk refused them. */
  readonly droppedLines: number;
  close(): void;
}

/** Where and how long to keep the log. */
export interface AccessLogOptions {
  dir: string;
  retentionDays: number;
  /** Buffered lines are written at least this often. */
  flushIntervalMs?: number;
  /** Where the log says, once, that it cannot write (and once that it can again). */
  onNotice?: (line: string) => void;
}

/**
 * Creates the log in `dir` (`access-YYYY-MM-DD.jsonl`, UTC days, see `daily-log-files.ts`):
 * lines are buffered and written every `flushIntervalMs`; only the last `retentionDays` daily
 * files (today included) are kept, older ones deleted at start and at each change of day.
 */
export function createAccessLog(options: AccessLogOptions): AccessLog {
  const files = createDailyLogFiles({
    dir: options.dir,
    prefix: 'access-',
    retentionDays: options.retentionDays,
    flushIntervalMs: options.flushIntervalMs ?? 250,
    onNotice:
      options.onNotice ??
      ((line) => {
        console.error(`gateway: ${line}`);
      }),
  });
  return {
    write(entry) {
      files.append(toAccessLogLine(entry));
    },
    flush() {
      files.flush();
    },
    prune(today) {
      return files.prune(today);
    },
    get droppedLines() {
      return files.droppedLines;
    },
    close() {
      files.close();
    },
  };
}

/**
 * One JSON line, written field by field: the same text as `JSON.stringify(entry)` for the
 * values the gateway produces (ids, slugs and methods hold no character JSON escapes; the
 * path, which could, goes through `JSON.stringify`), at a fraction of its cost per request.
 */
export function toAccessLogLine(entry: AccessLogEntry): string {
  return `{"time":"${entry.time}","requestId":"${entry.requestId}","consumerId":"${entry.consumerId}","api":"${entry.api}","version":"${entry.version}","method":"${entry.method}","path":${JSON.stringify(entry.path)},"status":${entry.status},"latencyMs":${entry.latencyMs},"quotaLeft":${entry.quotaLeft === null ? 'null' : entry.quotaLeft},"client":"${entry.client}"}\n`;
}
