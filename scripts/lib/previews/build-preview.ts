import { formatProblem } from '../../../catalog/problems.ts';
import { loadPortalFile } from '../../../config/load-portal-file.ts';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isVisibleTo, loadCatalog, writeSnapshot, type Catalog } from '../../../catalog/index.ts';
import { parsePortalSettings } from '../../../config/portal-settings.ts';
import { runGit } from '../git/run-git.ts';
import {
  addChangelogs,
  buildSite,
  reportCatalogProblems,
  type SiteBuildSummary,
} from '../portal/build-site.ts';
import { isUnsafeOutDir, prepareOutDir } from '../portal/prepare-out-dir.ts';
import type { PreviewBuildOptions } from './parse-preview-arguments.ts';
import {
  previewFiles,
  readPreviewManifest,
  sandboxSegment,
  writePreviewManifest,
  type PreviewManifest,
} from './preview-manifest.ts';

/** A finished preview build. */
export interface PreviewBuild {
  manifest: PreviewManifest;
  /** `<previews-dir>/<slug>`. */
  dir: string;
  site: SiteBuildSummary;
}

/** Why a preview was not built, already worded for the person who ran the command. */
export class PreviewBuildError extends Error {}

/**
 * Builds one branch's preview from this working tree into `<previews-dir>/<slug>/`: reads
 * `apis/` once for the `internal` audience (the sandbox mocks every API), keeps the APIs the
 * preview's audience may see for its portal, builds that portal under `/<slug>/` calling its
 * sandbox at `/<slug>/_sandbox` on the same origin, and writes the sandbox's snapshot beside it.
 *
 * The portal is built aside and swapped in, and `preview.json` is written last: a running
 * `npm run previews` keeps serving the previous build until the new one is complete.
 * Returns undefined when the catalog has errors (they are printed, as `npm run build` does).
 */
export async function buildPreview(
  options: PreviewBuildOptions,
): Promise<PreviewBuild | undefined> {
  const dir = resolve(options.previewsDir, options.slug);
  if (isUnsafeOutDir(dir, process.cwd())) {
    throw new PreviewBuildError(
      `--previews-dir — refusing to write previews into ${dir}: choose a folder of its own, such as .guichet/previews`,
    );
  }
  await refuseSlugOfAnotherBranch(dir, options);
  const portalFile = options.portalFile ?? 'portal.yaml';
  const portal = await loadPortalFile(portalFile);
  for (const problem of portal.problems) console.error(formatProblem(problem));
  if (!portal.identity) return undefined;
  const result = await loadCatalog({ apisDir: options.apisDir, audience: 'internal' });
  if (!reportCatalogProblems(result, options.apisDir)) return undefined;
  const sandboxCatalog = result.catalog;
  await addChangelogs(sandboxCatalog);
  const siteCatalog = toAudienceCatalog(sandboxCatalog, options.audience);

  const settings = parsePortalSettings({
    base: `/${options.slug}/`,
    sandboxUrl: `/${options.slug}/${sandboxSegment}`,
    outDir: join(dir, previewFiles.nextSite),
    snapshotPath: join(dir, previewFiles.siteSnapshot),
    portalFile,
  });
  await writeSnapshot(siteCatalog, settings.snapshotPath);
  await prepareOutDir(settings.outDir);
  const site = await buildSite(siteCatalog, settings);

  const sandboxSnapshot = join(dir, previewFiles.sandbox, 'catalog.json');
  await writeSnapshot(sandboxCatalog, `${sandboxSnapshot}.next`);
  await rename(`${sandboxSnapshot}.next`, sandboxSnapshot);
  await mkdir(join(dir, previewFiles.sandboxData), { recursive: true });
  await swapFolder(settings.outDir, join(dir, previewFiles.site));

  const manifest: PreviewManifest = {
    formatVersion: 1,
    branch: options.branch,
    slug: options.slug,
    commit: await readCommit(),
    builtAt: new Date().toISOString(),
    audience: options.audience,
  };
  await writePreviewManifest(dir, manifest);
  return { manifest, dir, site };
}

/**
 * Refuses a slug already taken by another branch's preview: `Main`, `main/` and `MAIN--` all
 * have the slug `main`, and building into that folder would hand the other branch's URL and its
 * sandbox data (store, secret, admin token, issued keys) to this one. A preview's URL stays the
 * branch's own and GitLab's `CI_COMMIT_REF_SLUG`, so the slug is not renamed behind its back:
 * the person who ran the build decides (rename the branch, or remove the other preview).
 */
async function refuseSlugOfAnotherBranch(dir: string, options: PreviewBuildOptions): Promise<void> {
  const taken = await readPreviewManifest(dir);
  if (taken === undefined || taken.branch === options.branch) return;
  throw new PreviewBuildError(
    `--branch — "${options.branch}" has the slug "${options.slug}" of the preview of the branch ` +
      `"${taken.branch}", which keeps its URL and its sandbox data — rename the branch, or remove ` +
      `${dir} if the preview of "${taken.branch}" is no longer wanted`,
  );
}

/** The part of an internal catalog an audience may see, as `loadCatalog` would have kept it. */
export function toAudienceCatalog(catalog: Catalog, audience: Catalog['audience']): Catalog {
  return { audience, apis: catalog.apis.filter((api) => isVisibleTo(api.visibility, audience)) };
}

/** Puts `next` where `current` was; a folder cannot be renamed over a full one, so in steps. */
async function swapFolder(next: string, current: string): Promise<void> {
  const old = `${current}.old`;
  await rm(old, { recursive: true, force: true });
  try {
    await rename(current, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rename(next, current);
  await rm(old, { recursive: true, force: true });
}

/** The commit this working tree is at, or null outside a git repository. */
async function readCommit(): Promise<string | null> {
  try {
    return (await runGit(['rev-parse', 'HEAD'])).trim();
  } catch {
    return null;
  }
}
