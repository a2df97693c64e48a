import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { visibilities } from '../../../catalog/index.ts';
import { isPreviewSlug } from './to-preview-slug.ts';

/** Where previews live unless `--previews-dir` or `GUICHET_PREVIEWS_DIR` says otherwise. */
export const defaultPreviewsDir = '.guichet/previews';

/** File names inside `<previews-dir>/<slug>/`. */
export const previewFiles = {
  /** Written last by a build: its presence makes the preview visible to the server. */
  manifest: 'preview.json',
  /** The static portal, served under `/<slug>/`. */
  site: 'site',
  /** Where a build writes the next site before swapping it in. */
  nextSite: 'site.next',
  /** The snapshot Astro's pages read (the preview's audience). */
  siteSnapshot: 'site-catalog.json',
  /** What the branch's sandbox needs: `catalog.json` (internal audience, stubs inside). */
  sandbox: 'sandbox',
  /** The sandbox gateway's store, secret, admin token and logs; kept across rebuilds. */
  sandboxData: join('sandbox', 'data'),
} as const;

/** Path prefix of a preview's sandbox, below its base path: `/<slug>/_sandbox`. */
export const sandboxSegment = '_sandbox';

/** `preview.json`: what a reviewer and the previews server need to know about one build. */
export const previewManifestSchema = z.strictObject({
  /** Bumped only when a field changes meaning or disappears. */
  formatVersion: z.literal(1),
  /** The branch as given to `npm run build:preview`. */
  branch: z.string().min(1),
  /** The branch's slug, also the folder's name and the URL's first segment. */
  slug: z.string().refine(isPreviewSlug, 'must be a slug such as feature-add-api-v2'),
  /** The commit the working tree was at, or null outside a git repository. */
  commit: z
    .string()
    .regex(/^[0-9a-f]{40}$/, 'must be a full commit hash')
    .nullable(),
  /** When the build finished (ISO 8601, UTC). */
  builtAt: z.iso.datetime(),
  /** Whom the preview's portal shows APIs to. */
  audience: z.enum(visibilities),
});

/** A manifest as written. */
export type PreviewManifestInput = z.input<typeof previewManifestSchema>;
/** A manifest once read and checked. */
export type PreviewManifest = z.output<typeof previewManifestSchema>;

/** Writes the manifest in one step (a rename), so a reader never sees half of it. */
export async function writePreviewManifest(
  previewDir: string,
  manifest: PreviewManifestInput,
): Promise<void> {
  const target = join(previewDir, previewFiles.manifest);
  const draft = `${target}.${String(process.pid)}.tmp`;
  await writeFile(draft, `${JSON.stringify(previewManifestSchema.parse(manifest), null, 2)}\n`);
  await rename(draft, target);
}

/**
 * Reads a preview's manifest; undefined when the folder holds no finished preview or the file
 * is not one guichet wrote (a stray folder in the previews dir is not served).
 */
export async function readPreviewManifest(
  previewDir: string,
): Promise<PreviewManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(previewDir, previewFiles.manifest), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const result = previewManifestSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
