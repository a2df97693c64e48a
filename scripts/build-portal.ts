/**
 * `npm run build`: reads `apis/` once, stops on the owners' mistakes, then builds the static
 * portal (Astro), publishes the original documents and indexes everything with Pagefind.
 * See `npm run build -- --help` for flags; problems print as `file:line — field — message — hint`.
 */
import { resolve } from 'node:path';
import { formatProblem, hasErrors, loadCatalog, writeSnapshot } from '../catalog/index.ts';
import { PortalSettingsError } from '../config/portal-settings.ts';
import { buildChangelog } from './lib/changelog/build-changelog.ts';
import { checkRoutes } from './lib/portal/check-routes.ts';
import { copySources } from './lib/portal/copy-sources.ts';
import { indexSearch } from './lib/portal/index-search.ts';
import { measureFolder } from './lib/portal/measure-output.ts';
import { buildUsage, parseBuildArguments } from './lib/portal/parse-build-arguments.ts';
import { isUnsafeOutDir, prepareOutDir } from './lib/portal/prepare-out-dir.ts';
import { runAstroBuild } from './lib/portal/run-astro-build.ts';

async function main(): Promise<number> {
  const started = performance.now();
  let options;
  try {
    options = parseBuildArguments(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof PortalSettingsError)) throw error;
    for (const line of error.lines) console.error(`build settings — ${line}`);
    console.error(`\n${buildUsage}`);
    return 1;
  }
  if (options === 'help') {
    console.log(buildUsage);
    return 0;
  }
  const { apisDir, audience, settings } = options;
  if (!options.snapshotOnly && isUnsafeOutDir(resolve(settings.outDir), process.cwd())) {
    console.error(
      `build settings — --out — refusing to empty ${resolve(settings.outDir)}: choose an output folder of its own, such as dist or .guichet/preview`,
    );
    return 1;
  }

  const { catalog, problems } = await loadCatalog({ apisDir, audience });
  const allProblems = [...problems, ...checkRoutes(catalog)];
  for (const problem of allProblems) {
    const print = problem.severity === 'error' ? console.error : console.warn;
    print(formatProblem(problem));
  }
  if (hasErrors(allProblems)) {
    const errors = allProblems.filter((problem) => problem.severity === 'error').length;
    console.error(`\n${String(errors)} error(s) in ${apisDir}: the portal was not built.`);
    return 1;
  }
  // The changelog reads git history, which the catalog (a reader of apis/ only) leaves to us.
  for (const api of catalog.apis) api.changelog = await buildChangelog(api);
  await writeSnapshot(catalog, settings.snapshotPath);
  if (options.snapshotOnly) {
    console.log(`Catalog snapshot written to ${settings.snapshotPath} (${audience}).`);
    return 0;
  }

  try {
    await prepareOutDir(settings.outDir);
  } catch (error) {
    console.error(
      `build settings — --out — ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  await runAstroBuild(settings);
  const sources = await copySources(catalog, settings.outDir);
  const search = await indexSearch(settings.outDir);
  const output = await measureFolder(settings.outDir);

  const versions = catalog.apis.flatMap((api) => api.versions);
  const operations = versions.reduce((total, version) => total + version.operations.length, 0);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Built the ${audience} portal: ${String(catalog.apis.length)} APIs, ${String(versions.length)} versions, ` +
      `${String(operations)} operations, ${String(output.pages)} pages (${String(search.pages)} indexed), ` +
      `${String(sources)} source files in ${seconds.toFixed(1)} s → ${resolve(settings.outDir)} (base ${settings.base})`,
  );
  return 0;
}

process.exitCode = await main();
