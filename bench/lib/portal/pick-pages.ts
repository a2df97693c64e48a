import { readdir, readFile, stat } from 'node:fs/promises';
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
 * largest API, its largest tag and schemas pages (split APIs), its first guide (if any), and a
 * search for a word every portal holds. `apiPageSkips` names APIs whose API and reference pages
 * are not the ones to weigh (a split API's page keeps only its overview).
 */
export async function pickPages(
  distDir: string,
  apiPageSkips: readonly string[] = [],
): Promise<PortalFacts> {
  const json = JSON.parse(await readFile(join(distDir, 'catalog.json'), 'utf8')) as CatalogJson;
  const current = json.versions.filter(
    (entry) => entry.current && !apiPageSkips.includes(entry.id),
  );
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
  // The API page a partner waits longest for: with the most operations on it, the largest API's
  // page may be a split one's overview.
  const heaviestApiPage = await findHeaviestApiPage(distDir, apiPageSkips);
  if (heaviestApiPage) pages.push({ kind: 'API page, heaviest', path: heaviestApiPage });
  for (const [kind, segment] of [
    ['per-tag page', 'tags'],
    ['schemas page', 'schemas'],
  ] as const) {
    const largestSub = await findLargestPage(distDir, segment);
    if (largestSub) pages.push({ kind, path: largestSub });
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

/** The largest page under `apis/<api>/<version>/<segment>/` (tag pages, schema pages). */
async function findLargestPage(distDir: string, segment: string): Promise<string | undefined> {
  const files = await readdir(join(distDir, 'apis'), { recursive: true }).catch(() => []);
  let largest: { path: string; bytes: number } | undefined;
  for (const file of files) {
    const parts = file.split('/');
    if (parts.at(-1) !== 'index.html' || parts[2] !== segment) continue;
    const { size } = await stat(join(distDir, 'apis', file));
    if (!largest || size > largest.bytes) {
      largest = { path: `apis/${parts.slice(0, -1).join('/')}/`, bytes: size };
    }
  }
  return largest?.path;
}

/** The largest `apis/<api>/index.html`, an API's current version page. */
async function findHeaviestApiPage(
  distDir: string,
  skips: readonly string[],
): Promise<string | undefined> {
  const apis = await readdir(join(distDir, 'apis')).catch(() => []);
  let heaviest: { path: string; bytes: number } | undefined;
  for (const api of apis) {
    if (skips.includes(api)) continue;
    const size = await stat(join(distDir, 'apis', api, 'index.html')).then(
      (found) => found.size,
      () => undefined,
    );
    if (size !== undefined && (!heaviest || size > heaviest.bytes)) {
      heaviest = { path: `apis/${api}/`, bytes: size };
    }
  }
  return heaviest?.path;
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
