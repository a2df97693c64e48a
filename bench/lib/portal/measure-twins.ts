import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What a build wrote for assistants. */
export interface TwinSizes {
  /** Markdown twins (`…/index.html.md`). */
  twins: number;
  twinBytes: number;
  largestTwinBytes: number;
  llmsBytes: number;
  llmsFullBytes: number;
}

/** Counts and sizes the Markdown twins, llms.txt and llms-full.txt of a build. */
export async function measureTwins(outDir: string): Promise<TwinSizes> {
  const sizes: TwinSizes = {
    twins: 0,
    twinBytes: 0,
    largestTwinBytes: 0,
    llmsBytes: 0,
    llmsFullBytes: 0,
  };
  const entries = await readdir(outDir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const { size } = await stat(join(entry.parentPath, entry.name));
    sizes.twins += 1;
    sizes.twinBytes += size;
    sizes.largestTwinBytes = Math.max(sizes.largestTwinBytes, size);
  }
  sizes.llmsBytes = await sizeOf(join(outDir, 'llms.txt'));
  sizes.llmsFullBytes = await sizeOf(join(outDir, 'llms-full.txt'));
  return sizes;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
