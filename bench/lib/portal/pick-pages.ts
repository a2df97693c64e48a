import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogJson } from '../../../site/lib/catalog-json.ts';
import type { PageToWeigh } from './measure-page-scripts.ts';

/** What a built portal holds, from its own catalog.json. */
export interface PortalFacts {
  apis: number;
  versions: number;
  operations: number;
  /** The API page with the most operations: the heaviest page of its kind. */
  largestApi: { id: string; operations: number } | undefined;
  pages: PageToWeigh[];
}

/**
 * Chooses one page of each kind to weigh in a built portal: the API and reference pages of its
 * largest API, its first guide (if any), and a search for a word every portal holds.
 */
export async function pickPages(distDir: string): Promise<PortalFacts> {
  const json = JSON.parse(await readFile(join(distDir, 'catalog.json'), 'utf8')) as CatalogJson;
  const current = json.versions.filter((entry) => entry.current);
  const largest = [...current].sort((a, b) => b.operationCount - a.operationCount)[0];
  const pages: PageToWeigh[] = [
    { kind: 'home', path: '/' },
    { kind: 'catalog', path: 'apis/' },
  ];
  if (largest) {
    pages.push(
      { kind: 'API page', path: `apis/${largest.id}/` },
      { kind: 'reference', path: `apis/${largest.id}/${largest.version}/reference/` },
    );
  }
  const guide = await findFirstGuide(distDir);
  if (guide) pages.push({ kind: 'guide', path: guide });
  pages.push({ kind: 'search', path: 'search/?q=api' });
  return {
    apis: new Set(json.versions.map((entry) => entry.id)).size,
    versions: json.versions.length,
    operations: json.versions.reduce((total, entry) => total + entry.operationCount, 0),
    largestApi: largest ? { id: largest.id, operations: largest.operationCount } : undefined,
    pages,
  };
}

async function findFirstGuide(distDir: string): Promise<string | undefined> {
  const apis = await readdir(join(distDir, 'apis')).catch(() => []);
  for (const api of apis.sort()) {
    const guides = await readdir(join(distDir, 'apis', api, 'guides')).catch(() => []);
    const first = guides.sort()[0];
    if (first) return `apis/${api}/guides/${first}/`;
  }
  return undefined;
}
