import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { searchFolder } from '../../../config/asset-paths.ts';
import { countIndexedPages } from './read-search-stats.ts';

/** What indexing produced. */
export interface SearchIndexResult {
  /** Pages Pagefind indexed (those marked `data-pagefind-body`). */
  pages: number;
}

/**
 * Indexes the built pages with Pagefind's offline binary into `<outDir>/pagefind/`. Pagefind
 * keeps one index per `<html lang>`, and the search page of each language loads its own: the
 * French search finds the French interface's pages, the English one the English pages.
 */
export async function indexSearch(outDir: string): Promise<SearchIndexResult> {
  const { index, errors } = await pagefind.createIndex();
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(outDir, searchFolder) });
    if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
    return { pages: await countIndexedPages(outDir) };
  } finally {
    await pagefind.close();
  }
}
