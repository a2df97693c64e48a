import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkConfined } from './confine-path.ts';
import { listSubfolders } from './list-subfolders.ts';
import { metadataFileNames } from './load-metadata.ts';
import type { CatalogProblem } from './problems.ts';

/** Names an entry document may have; other YAML/JSON files are taken as parts it `$ref`s. */
const entryNames = [
  'openapi.yaml',
  'openapi.yml',
  'openapi.json',
  'swagger.yaml',
  'swagger.yml',
  'swagger.json',
];

/**
 * A folder named like a version id (`v1`, `v2`, `v2.1`, `v3-beta`) declares the version it holds;
 * any other folder holding a document (`depot/`, `src/`) is where the document happens to be kept.
 */
const versionFolderName = /^v\d+(?:[.-][a-z0-9]+)*$/i;

/** A version found on disk when `api.yaml` does not list them. */
export interface DiscoveredVersion {
  /** Version id from a folder named like one (`v2`), or `undefined` to derive it from `info.version`. */
  id: string | undefined;
  /** Entry document, relative to the API folder. */
  document: string;
}

/**
 * Finds an API's documents by convention: `openapi.yaml` (or `swagger.json`…) at the top of the
 * folder is a single version; otherwise each sub-folder holding one is a version, named after the
 * folder when the folder is named like a version (`v2/`) and after the document's `info.version`
 * otherwise (`depot/openapi.yaml` at 1.4.2 is `v1`); otherwise a lone YAML/JSON file at the top
 * is taken as the document. Folders named like versions come newest first.
 */
export async function discoverVersions(
  apiDir: string,
  problems: CatalogProblem[],
): Promise<DiscoveredVersion[]> {
  const entries = await readdir(apiDir, { withFileTypes: true });
  // Links count as files here; reading one checks that it stays inside the API folder.
  const files = entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => entry.name);
  const entry = entryNames.find((name) => files.includes(name));
  if (entry) return [{ id: undefined, document: entry }];

  const versions: DiscoveredVersion[] = [];
  for (const folder of (await listSubfolders(apiDir)).filter((name) => name !== 'guides')) {
    const dir = join(apiDir, folder);
    if (!(await checkConfined(dir, apiDir, problems))) continue;
    const inner = await readdir(dir);
    const document = entryNames.find((name) => inner.includes(name));
    if (!document) continue;
    const id = versionFolderName.test(folder) ? folder : undefined;
    versions.push({ id, document: `${folder}/${document}` });
  }
  if (versions.length > 0) {
    return versions.sort((a, b) => compareVersionIds(b.id ?? '', a.id ?? ''));
  }

  const documents = files.filter(
    (name) =>
      /\.(ya?ml|json)$/i.test(name) && !(metadataFileNames as readonly string[]).includes(name),
  );
  return documents.length === 1 && documents[0] ? [{ id: undefined, document: documents[0] }] : [];
}

/** Orders version ids as people read them: `v2` before `v10`. */
export function compareVersionIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** `1.4.2` → `v1`; `v3` → `v3`; a date or other label → its slug. */
export function toVersionId(label: string): string {
  const major = /^v?(\d+)(?:[.\-_]|$)/i.exec(label.trim());
  if (major?.[1] && Number(major[1]) < 1000) return `v${String(Number(major[1]))}`;
  return (
    label
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/^-|-$/g, '') || 'v1'
  );
}
