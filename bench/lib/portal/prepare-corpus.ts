import { access, copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

/** The corpus of real OpenAPI documents: `CORPUS_DIR`, or `../shared/corpus` beside the clone. */
export const corpusDir = resolve(process.env.CORPUS_DIR ?? '../shared/corpus');

/**
 * Turns the corpus (one file per document) into a folder of APIs the catalog can read: one
 * folder per document, with the document copied in as its entry file (the catalog refuses links
 * that leave an API's folder).
 * Returns `undefined` when the corpus is absent.
 */
export async function prepareCorpusApis(target: string): Promise<string | undefined> {
  try {
    await access(corpusDir);
  } catch {
    return undefined;
  }
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  const files = (await readdir(corpusDir)).filter((name) => /\.(?:ya?ml|json)$/.test(name));
  const taken = new Set<string>();
  for (const file of files.sort()) {
    const id = toApiId(file, taken);
    await mkdir(join(target, id));
    const entry = extname(file) === '.json' ? 'openapi.json' : 'openapi.yaml';
    await copyFile(join(corpusDir, file), join(target, id, entry));
  }
  return target;
}

/** `adyen.com_BinLookupService_54.json` → `adyen-com-binlookupservice-54`, unique. */
export function toApiId(file: string, taken: Set<string>): string {
  const base =
    file
      .replace(/\.(?:ya?ml|json)$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'api';
  let id = base;
  for (let index = 2; taken.has(id); index += 1) id = `${base}-${String(index)}`;
  taken.add(id);
  return id;
}
