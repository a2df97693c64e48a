import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { searchFolder } from '../../../config/asset-paths.ts';

/** Pages in a built search index, from Pagefind's own entry file (0 when there is none). */
export async function countIndexedPages(outDir: string): Promise<number> {
  try {
    const entry = JSON.parse(
      await readFile(join(outDir, searchFolder, 'pagefind-entry.json'), 'utf8'),
    ) as { languages?: Record<string, { page_count?: number }> };
    return Object.values(entry.languages ?? {}).reduce(
      (total, language) => total + (language.page_count ?? 0),
      0,
    );
  } catch {
    return 0;
  }
}
