/**
 * `npm run build`: reads `apis/` once, leaves out (and names) every API whose folder has errors,
 * then builds the static portal (Astro) from the others, publishes the original documents and
 * indexes everything with Pagefind; it stops only when nothing can be built.
 * See `npm run build -- --help` for flags; problems print as `file:line — field — message — hint`.
 */
import { resolve } from 'node:path';
import { loadCatalog, writeSnapshot } from '../catalog/index.ts';
import { formatProblem } from '../catalog/problems.ts';
import { loadPortalFile } from '../config/load-portal-file.ts';
import { PortalSettingsError } from '../config/portal-settings.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import { exitWithSettingsProblems, readCommandLine } from './lib/cli/read-command-line.ts';
import { addChangelogs, buildSite, reportDeployCatalog } from './lib/portal/build-site.ts';
import { buildCommand, toBuildOptions } from './lib/portal/parse-build-arguments.ts';
import { buildEnvSchema } from './lib/portal/portal-env.ts';
import { isUnsafeOutDir, prepareOutDir } from './lib/portal/prepare-out-dir.ts';
import { releaseHeap } from './lib/portal/release-heap.ts';

async function main(): Promise<number> {
  const started = performance.now();
  const { values } = readCommandLine(buildCommand);
  const env = readCommandEnvironment(buildCommand.name, buildEnvSchema);
  let options;
  try {
    options = toBuildOptions(values, env);
  } catch (error) {
    if (!(error instanceof PortalSettingsError)) throw error;
    exitWithSettingsProblems(buildCommand, error.lines);
  }
  const { apisDir, audience, settings } = options;
  const portal = await loadPortalFile(settings.portalFile);
  for (const problem of portal.problems) console.error(formatProblem(problem));
  if (!portal.identity) return 1;
  if (!options.snapshotOnly && isUnsafeOutDir(resolve(settings.outDir), process.cwd())) {
    console.error(
      `build: --out — refusing to empty ${resolve(settings.outDir)}: choose an output folder of its own, such as dist or .guichet/preview`,
    );
    return 1;
  }

  const result = await loadCatalog({ apisDir, audience, brokenApis: 'leave-out' });
  if (!(await reportDeployCatalog(result, apisDir, settings.snapshotPath))) return 1;
  const { catalog } = result;
  await addChangelogs(catalog);
  await writeSnapshot(catalog, settings.snapshotPath);
  if (options.snapshotOnly) {
    console.log(`Catalog snapshot written to ${settings.snapshotPath} (${audience}).`);
    return 0;
  }

  // From here the pages read the snapshot; this process needs only the files and counts of each
  // version. Letting the documents go, and the heap that loading them grew, leaves that memory
  // to Astro and Pagefind (520 MB on the corpus), which the build's peak needs.
  for (const api of catalog.apis) for (const version of api.versions) version.document = {};
  releaseHeap();
  try {
    await prepareOutDir(settings.outDir);
  } catch (error) {
    console.error(`build: --out — ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const built = await buildSite(catalog, settings);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Built the ${audience} portal: ${String(built.apis)} APIs, ${String(built.versions)} versions, ` +
      `${String(built.operations)} operations, ${String(built.pages)} pages (${String(built.indexedPages)} indexed), ` +
      `${String(built.sourceFiles)} source files in ${seconds.toFixed(1)} s → ${resolve(settings.outDir)} (base ${settings.base})`,
  );
  return 0;
}

process.exitCode = await main();
