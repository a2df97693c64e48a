import {
  formatProblem,
  hasErrors,
  type Catalog,
  type CatalogResult,
} from '../../../catalog/index.ts';
import type { PortalSettings } from '../../../config/portal-settings.ts';
import { buildChangelog } from '../changelog/build-changelog.ts';
import { checkRoutes } from './check-routes.ts';
import { copySources } from './copy-sources.ts';
import { indexSearch } from './index-search.ts';
import { measureFolder } from './measure-output.ts';
import { runAstroBuild } from './run-astro-build.ts';

/**
 * Prints every problem of a loaded catalog — the loader's and the portal's own route clashes —
 * as `file:line — field — message — hint`, and says whether a portal may be built from it.
 * `npm run build` and `npm run build:preview` stop on the same mistakes with the same words.
 */
export function reportCatalogProblems(result: CatalogResult, apisDir: string): boolean {
  const problems = [...result.problems, ...checkRoutes(result.catalog)];
  for (const problem of problems) {
    const print = problem.severity === 'error' ? console.error : console.warn;
    print(formatProblem(problem));
  }
  if (!hasErrors(problems)) return true;
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  console.error(`\n${String(errors)} error(s) in ${apisDir}: the portal was not built.`);
  return false;
}

/**
 * Adds each API's changelog, read from the git history of its folder: the catalog reads
 * `apis/` only, so the build fills this in before writing the snapshot the pages read.
 */
export async function addChangelogs(catalog: Catalog): Promise<void> {
  for (const api of catalog.apis) api.changelog = await buildChangelog(api);
}

/** What a site build produced, for the closing line of a build script. */
export interface SiteBuildSummary {
  apis: number;
  versions: number;
  operations: number;
  pages: number;
  indexedPages: number;
  sourceFiles: number;
}

/**
 * Builds the static portal into an empty `settings.outDir` from a catalog whose snapshot is
 * already at `settings.snapshotPath`: Astro's pages, the owners' original documents, then
 * Pagefind's index over everything.
 */
export async function buildSite(
  catalog: Catalog,
  settings: PortalSettings,
): Promise<SiteBuildSummary> {
  await runAstroBuild(settings);
  const sources = await copySources(catalog, settings.outDir);
  for (const problem of sources.refused) console.error(formatProblem(problem));
  const search = await indexSearch(settings.outDir);
  const output = await measureFolder(settings.outDir);
  const versions = catalog.apis.flatMap((api) => api.versions);
  return {
    apis: catalog.apis.length,
    versions: versions.length,
    operations: versions.reduce((total, version) => total + version.operations.length, 0),
    pages: output.pages,
    indexedPages: search.pages,
    sourceFiles: sources.copied,
  };
}
