import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small real file system of its own, to fill up: the kernel answers ENOSPC on it. */
export interface SmallDisk {
  dir: string;
  /** Writes a filler file until the kernel refuses one more byte. */
  fill(): void;
  /** Deletes the filler file. */
  free(): void;
  /** Unmounts the file system and deletes its mount point. */
  remove(): void;
}

/**
 * Mounts a tmpfs of `sizeKiB` on a new temporary folder. It needs root (the test suite runs as
 * root in CI and here); without it, the error says so rather than the test passing for nothing.
 */
export function mountSmallDisk(sizeKiB: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-small-disk-'));
  try {
    execFileSync(
      'mount',
      ['-t', 'tmpfs', '-o', `size=${String(sizeKiB)}k,mode=0700`, 'tmpfs', dir],
      {
        stdio: 'pipe',
      },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const reason = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(`this test mounts a small tmpfs to fill up, which needs root: ${reason}`, {
      cause: error,
    });
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      try {
        // Big chunks first, then ever smaller ones, down to the last byte the disk can take.
        for (let size = 65_536; size >= 1; size = Math.floor(size / 4)) {
          const chunk = Buffer.alloc(size, 0x2e);
          for (;;) {
            try {
              if (writeSync(fd, chunk) < size) break;
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw error;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    remove() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
