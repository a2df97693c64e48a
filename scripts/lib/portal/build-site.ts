import {
  formatProblem,
  toDisplayPath,
  type Catalog,
  type CatalogResult,
  type LeftOutFolder,
} from '../../../catalog/index.ts';
import type { PortalSettings } from '../../../config/portal-settings.ts';
import { buildChangelog } from '../changelog/build-changelog.ts';
import { copySources } from './copy-sources.ts';
import { indexSearch } from './index-search.ts';
import { measureFolder } from './measure-output.ts';
import { runAstroBuild } from './run-astro-build.ts';
import { writeBuildReport } from './write-build-report.ts';

/**
 * Prints every problem of a loaded catalog as `file:line — field — message — hint`, and says
 * whether a portal may be built from it. `npm run build` and `npm run build:preview` stop on the
 * same mistakes with the same words; a catalog read with `brokenApis: 'leave-out'` (the deploy
 * build) goes on without the folders it left out, and says so last, where it is seen.
 */
export function reportCatalogProblems(result: CatalogResult, apisDir: string): boolean {
  for (const problem of result.problems) {
    const print = problem.severity === 'error' ? console.error : console.warn;
    print(formatProblem(problem));
  }
  const errors = result.problems.filter((problem) => problem.severity === 'error').length;
  if (result.failed) {
    console.error(`\n${String(errors)} error(s) in ${apisDir}: the portal was not built.`);
    return false;
  }
  if (errors > 0) console.error(`\n${describeLeftOut(result.leftOut)}`);
  return true;
}

/**
 * `reportCatalogProblems` for the deploy build, whose catalog leaves broken APIs out: prints the
 * same, then writes the build report beside the snapshot and says where, last.
 */
export async function reportDeployCatalog(
  result: CatalogResult,
  apisDir: string,
  snapshotPath: string,
): Promise<boolean> {
  const built = reportCatalogProblems(result, apisDir);
  const report = await writeBuildReport(result, snapshotPath);
  if (result.leftOut.length > 0 || !built) console.error(`Build report: ${toDisplayPath(report)}`);
  return built;
}

/** The closing lines of a build that left folders out: which, and what that means. */
export function describeLeftOut(leftOut: readonly LeftOutFolder[]): string {
  const apis = leftOut.filter((entry) => entry.kind === 'api');
  const stubs = leftOut.filter((entry) => entry.kind === 'stubs');
  const lines = [
    `⚠ ${String(apis.length)} API(s) left out of the portal, ${String(stubs.length)} stubs folder(s) left out of the sandbox; every other API is built:`,
    ...leftOut.map((entry) => {
      const errors = entry.problems.filter((problem) => problem.severity === 'error').length;
      return `  ${entry.folder} — ${String(errors)} error(s), listed above`;
    }),
  ];
  return lines.join('\n');
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
