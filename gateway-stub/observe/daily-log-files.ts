import {
  closeSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/** Lines appended to one file a day, written in batches. */
export interface DailyLogFiles {
  /** Buffers one line (ending in `\n`); writes the buffer first when it is full. */
  append(line: string): void;
  /** Writes buffered lines now. Never throws: lines that cannot be written are dropped, counted. */
  flush(): void;
  /** Deletes the daily files beyond the retention; returns the names deleted. */
  prune(today?: Date): string[];
  /** Lines dropped since start because the disk refused them (full, gone read-only…). */
  readonly droppedLines: number;
  close(): void;
}

/** Where the files go and how long they stay. */
export interface DailyLogFilesOptions {
  dir: string;
  /** File names are `<prefix>YYYY-MM-DD.jsonl`. */
  prefix: string;
  retentionDays: number;
  /** Buffered lines are written at least this often. */
  flushIntervalMs: number;
  /** Told once when writing starts failing and once when it works again, not once a line. */
  onNotice: (line: string) => void;
}

const bufferBytes = 256 * 1024;
const dayMs = 86_400_000;
const newline = 0x0a;

/**
 * Creates the files in `dir`, one a UTC day. Lines are encoded straight into one buffer and
 * written in one system call every `flushIntervalMs` (or when 256 KiB are waiting), so the
 * request path pays for encoding a line, not for a write; a crash loses at most that interval.
 *
 * A failed write (ENOSPC on a full disk, EIO…) must not stop the gateway: it drops the lines it
 * could not write and counts them, says so once, and tries again with the next batch. A write cut
 * short by the disk filling is truncated back to its last whole line, so every line in a file
 * stays parseable.
 */
export function createDailyLogFiles(options: DailyLogFilesOptions): DailyLogFiles {
  const { dir, prefix, retentionDays, onNotice } = options;
  const filePattern = new RegExp(`^${prefix}(\\d{4}-\\d{2}-\\d{2})\\.jsonl$`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let buffer = Buffer.allocUnsafe(bufferBytes);
  let used = 0;
  let lines = 0;
  let dayEndsAt = 0;
  let path = '';
  let fd: number | undefined;
  let dropped = 0;
  /** Dropped lines when the current failure began, or -1 while writes succeed. */
  let failingSince = -1;
  /** A partial line could not be truncated away: the next write starts on a new line. */
  let torn = false;

  function openToday(now: number): void {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    const date = new Date(now);
    dayEndsAt = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) + dayMs;
    path = join(dir, `${prefix}${date.toISOString().slice(0, 10)}.jsonl`);
    // May throw (the disk is gone): the caller counts the lines as dropped.
    fd = openSync(path, 'a', 0o600);
  }

  /** Writes `buffer[0, used)` whole, or throws after undoing any partial line. */
  function writeBuffer(target: number): void {
    let written = 0;
    if (torn) {
      writeSync(target, '\n');
      torn = false;
    }
    try {
      while (written < used) written += writeSync(target, buffer, written, used - written);
    } catch (error) {
      // (`lastIndexOf` reads a negative offset from the end: nothing written, nothing whole.)
      const whole = written === 0 ? 0 : buffer.lastIndexOf(newline, written - 1) + 1;
      if (written > whole) {
        try {
          ftruncateSync(target, fstatSync(target).size - (written - whole));
        } catch {
          torn = true;
        }
      }
      const linesWritten = countNewlines(buffer, whole);
      dropped += lines - linesWritten;
      throw error;
    }
  }

  function flush(): void {
    if (used === 0) return;
    const droppedBefore = dropped;
    try {
      if (fd === undefined) openToday(Date.now());
      writeBuffer(fd as number);
      if (failingSince >= 0) {
        onNotice(
          `the access log is written again (${path}), after dropping ${String(dropped - failingSince)} lines`,
        );
        failingSince = -1;
      }
    } catch (error) {
      if (fd === undefined) dropped += lines;
      if (failingSince < 0) {
        failingSince = droppedBefore;
        const reason = error instanceof Error ? error.message : String(error);
        onNotice(
          `the access log cannot be written (${reason}) in ${dir}: its lines are dropped and counted in guichet_gateway_access_log_dropped_lines_total until it can`,
        );
      }
    }
    used = 0;
    lines = 0;
  }

  const files: DailyLogFiles = {
    append(line) {
      const now = Date.now();
      if (now >= dayEndsAt) {
        flush();
        try {
          openToday(now);
        } catch {
          // Counted when the next batch fails to open it.
          dayEndsAt = now + 60_000;
        }
        files.prune(new Date(now));
      }
      // Three bytes a character at most, as UTF-8: room is checked before encoding.
      if (used + line.length * 3 > buffer.length) {
        flush();
        if (line.length * 3 > buffer.length) buffer = Buffer.allocUnsafe(line.length * 3);
      }
      used += buffer.write(line, used, 'utf8');
      lines += 1;
    },
    flush,
    prune(today = new Date()) {
      const cutoff = new Date(today.getTime() - (retentionDays - 1) * dayMs)
        .toISOString()
        .slice(0, 10);
      const deleted: string[] = [];
      try {
        for (const name of readdirSync(dir)) {
          const fileDay = filePattern.exec(name)?.[1];
          if (fileDay === undefined || fileDay >= cutoff) continue;
          rmSync(join(dir, name), { force: true });
          deleted.push(name);
        }
      } catch (error) {
        onNotice(`old access logs in ${dir} could not be deleted (${String(error)})`);
      }
      return deleted;
    },
    get droppedLines() {
      return dropped;
    },
    close() {
      clearInterval(timer);
      flush();
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
  files.prune();
  const timer = setInterval(flush, options.flushIntervalMs);
  timer.unref();
  return files;
}

function countNewlines(buffer: Buffer, end: number): number {
  let count = 0;
  for (let index = buffer.indexOf(newline); index !== -1 && index < end;) {
    count += 1;
    index = buffer.indexOf(newline, index + 1);
  }
  return count;
}
