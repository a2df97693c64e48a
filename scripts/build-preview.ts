/**
 * `npm run build:preview -- --branch <name>`: builds this working tree's portal as the branch's
 * preview, under `/<slug>/`, with its own sandbox at `/<slug>/_sandbox` (same origin), into
 * `<previews-dir>/<slug>/` — `site/`, `sandbox/catalog.json`, `preview.json`. `npm run previews`
 * serves every preview of the folder. See `--help`; problems print as
 * `file:line — field — message — hint`.
 */
import { PortalSettingsError } from '../config/portal-settings.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import { exitWithSettingsProblems, readCommandLine } from './lib/cli/read-command-line.ts';
import { buildPreview, PreviewBuildError } from './lib/previews/build-preview.ts';
import { previewCommand, toPreviewBuildOptions } from './lib/previews/parse-preview-arguments.ts';
import { previewBuildEnvSchema } from './lib/previews/previews-env.ts';

async function main(): Promise<number> {
  const started = performance.now();
  const { values } = readCommandLine(previewCommand);
  const env = readCommandEnvironment(previewCommand.name, previewBuildEnvSchema);
  let options;
  try {
    options = toPreviewBuildOptions(values, env);
  } catch (error) {
    if (!(error instanceof PortalSettingsError)) throw error;
    exitWithSettingsProblems(previewCommand, error.lines);
  }

  let build;
  try {
    build = await buildPreview(options);
  } catch (error) {
    if (!(error instanceof PreviewBuildError)) throw error;
    console.error(`build:preview: ${error.message}`);
    return 1;
  }
  if (build === undefined) return 1;

  const { manifest, site } = build;
  const seconds = (performance.now() - started) / 1000;
  const address = options.previewsUrl;
  console.log(
    `Built the preview of ${manifest.branch} (${manifest.audience}): ${String(site.apis)} APIs, ` +
      `${String(site.versions)} versions, ${String(site.pages)} pages (${String(site.indexedPages)} indexed) ` +
      `in ${seconds.toFixed(1)} s → ${build.dir}`,
  );
  console.log(
    address
      ? `Preview: ${address}/${manifest.slug}/ (sandbox ${address}/${manifest.slug}/_sandbox/)`
      : `Preview: /${manifest.slug}/ of npm run previews (sandbox /${manifest.slug}/_sandbox/)`,
  );
  return 0;
}

process.exitCode = await main();
