import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  documentFileHint,
  fromDisplayPath,
  isDocumentFileName,
  locateInside,
  toDisplayPath,
  type Catalog,
  type CatalogProblem,
} from '../../../catalog/index.ts';

/** What `copySources` published, and what it refused to copy. */
export interface CopiedSources {
  copied: number;
  /**
   * Files that no longer lead inside their API folder (a link swapped in since the catalog read
   * them), or that are not `.yaml`, `.yml` or `.json` (the catalog refuses those already).
   */
  refused: CatalogProblem[];
}

/**
 * Publishes every version's original files at `apis/<id>/<version>/source/<path>`, keeping their
 * layout inside the API folder so a multi-file document's relative `$ref`s still resolve once
 * downloaded or fetched from the portal. Copying follows links, so each file is followed to where
 * it really is first and copied only if that is still inside its API folder; and only data files
 * are copied, since a browser would run an `.html` or `.svg` one on the portal's origin.
 */
export async function copySources(catalog: Catalog, outDir: string): Promise<CopiedSources> {
  const copies: { from: string; to: string }[] = [];
  const refused: CatalogProblem[] = [];
  for (const api of catalog.apis) {
    const apiDir = fromDisplayPath(api.dir);
    for (const version of api.versions) {
      for (const file of version.files) {
        const from = join(apiDir, file);
        // The catalog keeps documents inside their folder; check again what is on disk now.
        const isPlain = !file.split('/').some((segment) => segment === '..' || segment === '');
        if (!isPlain || (await locateInside(from, apiDir)) !== 'inside') {
          refused.push({
            file: toDisplayPath(from),
            line: 1,
            field: '(file)',
            message: 'no longer leads inside its API folder, so it was not published',
            hint: 'build again from a clean checkout: the file changed while the portal was built',
            severity: 'error',
          });
          continue;
        }
        if (!isDocumentFileName(file)) {
          refused.push({
            file: toDisplayPath(from),
            line: 1,
            field: '(file)',
            message: 'is not .yaml, .yml or .json, so it was not published',
            hint: documentFileHint,
            severity: 'error',
          });
          continue;
        }
        copies.push({ from, to: join(outDir, 'apis', api.id, version.id, 'source', file) });
      }
    }
  }
  const folders = new Set(copies.map((copy) => dirname(copy.to)));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  await Promise.all(copies.map((copy) => copyFile(copy.from, copy.to)));
  return { copied: copies.length, refused };
}
