import { parseArgs } from 'node:util';
import { visibilities, type Visibility } from '../../../catalog/index.ts';
import { PortalSettingsError } from '../../../config/portal-settings.ts';
import { defaultPreviewsDir } from './preview-manifest.ts';
import { toPreviewSlug } from './to-preview-slug.ts';

/** Usage of `npm run build:preview`, printed with `--help` and after a wrong flag. */
export const previewUsage = `Usage: npm run build:preview -- --branch <name> [options]

  --branch <name>                       the branch previewed; its slug (GitLab's CI_COMMIT_REF_SLUG
                                        rule) names the preview: /<slug>/, sandbox at /<slug>/_sandbox
  --previews-dir <dir>                  where previews live (GUICHET_PREVIEWS_DIR, default ${defaultPreviewsDir})
  --audience public|partners|internal   who the preview's portal is for (default internal: reviewers
                                        see restricted APIs too)
APIs are read from APIS_DIR (default apis). Serve every preview with npm run previews.`;

/** Usage of `npm run preview:slug`. */
export const slugUsage = `Usage: npm run --silent preview:slug -- --branch <name>

Prints the branch's preview slug alone, by GitLab's CI_COMMIT_REF_SLUG rule.`;

/** One run of `npm run build:preview`. */
export interface PreviewBuildOptions {
  branch: string;
  slug: string;
  previewsDir: string;
  audience: Visibility;
  apisDir: string;
}

/**
 * Reads `npm run build:preview`'s flags (the previews folder may come from the environment).
 * Throws `PortalSettingsError` listing every wrong value, as `npm run build` does.
 */
export function parsePreviewArguments(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): PreviewBuildOptions | 'help' {
  const values = parseFlags(argv, {
    branch: { type: 'string' },
    'previews-dir': { type: 'string' },
    audience: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help === true) return 'help';
  const problems: string[] = [];
  const branch = toBranchAndSlug(values.branch, problems);
  const audience = typeof values.audience === 'string' ? values.audience : 'internal';
  if (!isVisibility(audience)) {
    problems.push(`--audience — "${audience}" is not one of ${visibilities.join(', ')}`);
  }
  const previewsDir =
    (typeof values['previews-dir'] === 'string' ? values['previews-dir'] : undefined)?.trim() ||
    env.GUICHET_PREVIEWS_DIR?.trim() ||
    defaultPreviewsDir;
  if (branch === undefined || !isVisibility(audience) || problems.length > 0) {
    throw new PortalSettingsError(problems);
  }
  return {
    ...branch,
    previewsDir,
    audience,
    apisDir: env.APIS_DIR?.trim() || 'apis',
  };
}

/** Reads `npm run preview:slug`'s flags: the slug to print, or 'help'. */
export function parseSlugArguments(argv: readonly string[]): { slug: string } | 'help' {
  const values = parseFlags(argv, {
    branch: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help === true) return 'help';
  const problems: string[] = [];
  const branch = toBranchAndSlug(values.branch, problems);
  if (branch === undefined) throw new PortalSettingsError(problems);
  return { slug: branch.slug };
}

type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string; default?: boolean }>;

function parseFlags(
  argv: readonly string[],
  options: FlagSpec,
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new PortalSettingsError([error instanceof Error ? error.message : String(error)]);
  }
}

function toBranchAndSlug(
  given: string | boolean | undefined,
  problems: string[],
): { branch: string; slug: string } | undefined {
  const branch = typeof given === 'string' ? given.trim() : '';
  if (branch === '') {
    problems.push('--branch — is required — give the branch previewed, e.g. --branch "$BRANCH"');
    return undefined;
  }
  const slug = toPreviewSlug(branch);
  if (slug === '') {
    problems.push(
      `--branch — "${branch}" has no letter or digit, so it has no slug — name the branch with some`,
    );
    return undefined;
  }
  return { branch, slug };
}

function isVisibility(value: string): value is Visibility {
  return (visibilities as readonly string[]).includes(value);
}
