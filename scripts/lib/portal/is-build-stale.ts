import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * True when the built portal is missing or older than anything under the APIs folder, so
 * `npm start` rebuilds after an owner edits a document and starts at once otherwise. Changes to
 * the site's own code are not tracked: pass `--build` after editing it.
 */
export async function isBuildStale(outDir: string, apisDir: string): Promise<boolean> {
  let built: number;
  try {
    built = (await stat(join(outDir, 'index.html'))).mtimeMs;
  } catch {
    return true;
  }
  return (await findNewestChange(apisDir)) > built;
}

/** Latest modification time of a folder or anything in it (0 when it cannot be read). */
export async function findNewestChange(folder: string): Promise<number> {
  let newest = 0;
  try {
    newest = (await stat(folder)).mtimeMs;
    const entries = await readdir(folder, { recursive: true });
    const times = await Promise.all(
      entries.map((entry) =>
        stat(join(folder, entry)).then(
          (info) => info.mtimeMs,
          () => 0,
        ),
      ),
    );
    for (const time of times) newest = Math.max(newest, time);
  } catch {
    return newest;
  }
  return newest;
}
