import { z } from 'zod';
import { defaultPorts, toLocalUrl } from '../catalog/default-ports.ts';
import { defaultSnapshotPath } from '../catalog/snapshot.ts';

/**
 * A URL path prefix the portal is served under (`/`, `/preview/my-branch/`): always starts and
 * ends with `/`, and holds only characters that need no escaping in a URL path.
 */
export const basePathSchema = z
  .string()
  .trim()
  .transform((value) => `/${value}/`.replace(/\/{2,}/g, '/'))
  .refine((value) => /^\/(?:[A-Za-z0-9._~-]+\/)*$/.test(value), {
    message: 'must be a URL path made of letters, digits, ".", "_", "~", "-" and "/"',
  })
  .refine((value) => !value.split('/').some((segment) => segment === '.' || segment === '..'), {
    message: 'must not contain "." or ".." segments',
  });

const absoluteUrlSchema = z.url({ protocol: /^https?$/ });

/**
 * Where the sandbox answers: an absolute http(s) URL, or a path from the portal's own origin
 * (a branch preview serves its sandbox beside its pages, so it knows no host at build time).
 * Trailing slashes are dropped, so `<sandboxUrl>/<api-id>` never doubles one.
 */
export const sandboxUrlSchema = z
  .string()
  .trim()
  .transform((value, context) => {
    // One leading slash is a path; two would be a URL of another host (`//host/x`).
    if (/^\/(?!\/)/.test(value)) {
      const path = value.replace(/\/+$/, '');
      const segments = path.split('/').slice(1);
      if (/^(?:\/[A-Za-z0-9._~-]+)+$/.test(path) && !segments.some((s) => /^\.\.?$/.test(s))) {
        return path;
      }
      context.addIssue({
        code: 'custom',
        message:
          'a path must be made of letters, digits, ".", "_", "~", "-" and "/", without "." or ".." segments',
      });
      return z.NEVER;
    }
    const parsed = absoluteUrlSchema.safeParse(value);
    if (parsed.success) return parsed.data.replace(/\/+$/, '');
    for (const issue of parsed.error.issues)
      context.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });

/** Settings of one portal build, shared by the build script, Astro's config and the pages. */
export const portalSettingsSchema = z.strictObject({
  base: basePathSchema
    .default('/')
    .describe('Path prefix of every URL of the portal (Astro `base`), e.g. `/preview/my-branch/`.'),
  sandboxUrl: sandboxUrlSchema
    .default(toLocalUrl(defaultPorts.gateway))
    .describe(
      'Base URL of the sandbox gateway; an API version answers at `<sandboxUrl>/<api-id>/<version-id>`. A path alone (`/my-branch/_sandbox`) means the sandbox is served beside the portal, on its origin.',
    ),
  adminUrl: sandboxUrlSchema
    .default(toLocalUrl(defaultPorts.admin))
    .describe(
      "Base URL of the sandbox's admin API, which the owners' usage page calls with the admin token they type (`<adminUrl>/usage`); a path alone means the portal's own origin.",
    ),
  outDir: z.string().min(1).default('dist').describe('Folder the static portal is written to.'),
  snapshotPath: z
    .string()
    .min(1)
    .default(defaultSnapshotPath)
    .describe('Catalog snapshot the pages read; distinct paths let builds run side by side.'),
  portalFile: z
    .string()
    .min(1)
    .default('portal.yaml')
    .describe(
      "The portal's identity and language (`config/portal-file.ts`); a missing file gives the French portal with guichet's defaults.",
    ),
});

/** Portal settings as given (environment, command line). */
export type PortalSettingsInput = z.input<typeof portalSettingsSchema>;
/** Portal settings once validated, defaults applied. */
export type PortalSettings = z.output<typeof portalSettingsSchema>;

/** Environment variables that set portal settings; a flag of the build script wins over them. */
export const portalEnvironment = {
  base: 'GUICHET_BASE_PATH',
  sandboxUrl: 'GUICHET_SANDBOX_URL',
  adminUrl: 'GUICHET_ADMIN_URL',
  outDir: 'GUICHET_OUT_DIR',
  snapshotPath: 'GUICHET_SNAPSHOT',
  portalFile: 'GUICHET_PORTAL_FILE',
} as const satisfies Record<keyof PortalSettings, string>;

/**
 * Reads the settings given through the environment (or a command's validated environment);
 * empty variables count as unset.
 */
export function toSettingsInput(env: Readonly<Record<string, unknown>>): PortalSettingsInput {
  const input: Record<string, string> = {};
  for (const [key, name] of Object.entries(portalEnvironment)) {
    const value = env[name];
    if (typeof value === 'string' && value.trim() !== '') input[key] = value;
  }
  return input;
}

/**
 * Validates settings; the error lists every invalid setting with what set it: the environment
 * variable, or the name given in `sources` (a command-line flag).
 */
export function parsePortalSettings(
  input: PortalSettingsInput,
  sources: Partial<Record<keyof PortalSettings, string>> = {},
): PortalSettings {
  const result = portalSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const setting = key as keyof PortalSettings;
    const name = sources[setting] ?? (key in portalEnvironment ? portalEnvironment[setting] : key);
    return `${name} — ${issue.message}`;
  });
  throw new PortalSettingsError(lines);
}

/** Invalid portal settings: a user's mistake, printed without a stack trace. */
export class PortalSettingsError extends Error {
  readonly lines: string[];

  constructor(lines: string[]) {
    super(lines.join('\n'));
    this.name = 'PortalSettingsError';
    this.lines = lines;
  }
}
