import { visibilities, type Visibility } from '../../../catalog/index.ts';
import { PortalSettingsError } from '../../../config/portal-settings.ts';
import type { CommandLine } from '../cli/read-command-line.ts';
import { defaultPreviewsDir } from './preview-manifest.ts';
import type { PreviewBuildEnv } from './previews-env.ts';
import { toAudienceProblem } from '../portal/parse-build-arguments.ts';
import { toPreviewSlug } from './to-preview-slug.ts';

/** `npm run build:preview`: its usage and flags. */
export const previewCommand = {
  name: 'build:preview',
  usage: `Usage: npm run build:preview -- --branch <name> [options]

Builds this working tree's portal as the branch's preview, with its own sandbox beside it.

  --branch <name>                       the branch previewed; its slug (GitLab's CI_COMMIT_REF_SLUG
                                        rule) names the preview: /<slug>/, sandbox at /<slug>/_sandbox
                                        (a slug another branch's preview holds is refused)
  --previews-dir <dir>                  where previews live (GUICHET_PREVIEWS_DIR, default ${defaultPreviewsDir})
  --audience public|partners|internal   who the preview's portal is for (default internal: reviewers
                                        see restricted APIs too)
  -h, --help                            show this help
APIs are read from APIS_DIR (default apis). Serve every preview with npm run previews.`,
  options: {
    branch: { type: 'string' },
    'previews-dir': { type: 'string' },
    audience: { type: 'string' },
  },
} as const;

/** `npm run preview:slug`: its usage and flags. */
export const slugCommand = {
  name: 'preview:slug',
  usage: `Usage: npm run --silent preview:slug -- --branch <name>

Prints the branch's preview slug alone, by GitLab's CI_COMMIT_REF_SLUG rule.

  --branch <name>   the branch
  -h, --help        show this help`,
  options: { branch: { type: 'string' } },
} as const;

/** One run of `npm run build:preview`. */
export interface PreviewBuildOptions {
  branch: string;
  slug: string;
  previewsDir: string;
  audience: Visibility;
  apisDir: string;
  /** Where reviewers open the previews, if `GUICHET_PREVIEWS_URL` says. */
  previewsUrl: string | undefined;
  /** The preview's portal.yaml, if `GUICHET_PORTAL_FILE` names one. */
  portalFile?: string | undefined;
}

/**
 * One preview build from `npm run build:preview`'s flags and environment (the previews folder
 * may come from either). Throws `PortalSettingsError` listing every wrong value, as
 * `npm run build` does.
 */
export function toPreviewBuildOptions(
  values: CommandLine<typeof previewCommand.options>['values'],
  env: PreviewBuildEnv,
): PreviewBuildOptions {
  const problems: string[] = [];
  const branch = toBranchAndSlug(values.branch, problems);
  const audience = values.audience ?? 'internal';
  if (!isVisibility(audience)) {
    problems.push(toAudienceProblem(audience));
  }
  if (branch === undefined || !isVisibility(audience) || problems.length > 0) {
    throw new PortalSettingsError(problems);
  }
  return {
    ...branch,
    previewsDir: values['previews-dir']?.trim() || env.GUICHET_PREVIEWS_DIR,
    audience,
    apisDir: env.APIS_DIR,
    previewsUrl: env.GUICHET_PREVIEWS_URL,
    ...(env.GUICHET_PORTAL_FILE === undefined ? {} : { portalFile: env.GUICHET_PORTAL_FILE }),
  };
}

/** The slug `npm run preview:slug` prints, from its flags. */
export function toSlugOfBranch(values: CommandLine<typeof slugCommand.options>['values']): string {
  const problems: string[] = [];
  const branch = toBranchAndSlug(values.branch, problems);
  if (branch === undefined) throw new PortalSettingsError(problems);
  return branch.slug;
}

function toBranchAndSlug(
  given: string | undefined,
  problems: string[],
): { branch: string; slug: string } | undefined {
  const branch = given?.trim() ?? '';
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
