import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Catalog } from '../../../catalog/index.ts';

/**
 * Publishes every version's original files at `apis/<id>/<version>/source/<path>`, keeping their
 * layout inside the API folder so a multi-file document's relative `$ref`s still resolve once
 * downloaded or fetched from the portal. Returns how many files were copied.
 */
export async function copySources(catalog: Catalog, outDir: string): Promise<number> {
  const copies: { from: string; to: string }[] = [];
  for (const api of catalog.apis) {
    for (const version of api.versions) {
      for (const file of version.files) {
        // The catalog keeps documents inside their folder; refuse anything else all the same.
        if (file.split('/').some((segment) => segment === '..' || segment === '')) continue;
        copies.push({
          from: join(api.dir, file),
          to: join(outDir, 'apis', api.id, version.id, 'source', file),
        });
      }
    }
  }
  const folders = new Set(copies.map((copy) => dirname(copy.to)));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  await Promise.all(copies.map((copy) => copyFile(copy.from, copy.to)));
  return copies.length;
}
