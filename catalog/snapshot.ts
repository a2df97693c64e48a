import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Catalog } from './model.ts';

/**
 * A loaded catalog saved as JSON, so the processes of one build or one sandbox share a single
 * read of `apis/`: the build script loads and checks once, then Astro's pages (or the sandbox's
 * servers) read this file instead of parsing every document again.
 */
export const defaultSnapshotPath = '.guichet/catalog.json';

/** Saves a catalog for the other processes of the same run. */
export async function writeSnapshot(
  catalog: Catalog,
  path: string = defaultSnapshotPath,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(catalog));
}

/** Reads a catalog saved by `writeSnapshot`; the error names the command that makes it. */
export async function readSnapshot(path: string = defaultSnapshotPath): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new Error(
      `${path} is missing: run \`npm run build\` (or \`npm run sandbox\`), which reads apis/ and writes it`,
    );
  }
  return JSON.parse(text) as Catalog;
}
