import { visibilities, type Visibility } from '../../../catalog/index.ts';
import { defaultPorts, toLocalUrl } from '../../../catalog/default-ports.ts';
import {
  parsePortalSettings,
  PortalSettingsError,
  toSettingsInput,
  type PortalSettings,
} from '../../../config/portal-settings.ts';
import type { CommandLine } from '../cli/read-command-line.ts';
import type { BuildEnv } from './portal-env.ts';

/** Everything one run of `npm run build` needs to know. */
export interface BuildOptions {
  /** Folder of APIs to read. */
  apisDir: string;
  audience: Visibility;
  /** Write the catalog snapshot and stop (what `npm run dev` needs). */
  snapshotOnly: boolean;
  settings: PortalSettings;
}

/** `npm run build`: its usage and flags. */
export const buildCommand = {
  name: 'build',
  usage: `Usage: npm run build -- [options]

Reads apis/ once, prints every problem, leaves out each API whose folder has errors (and says
which), then builds the static portal and its search index from the others. Exits 1 only when
nothing can be built. Flags win over the environment variables named beside them.

  --audience public|partners|internal   who the portal is for (GUICHET_AUDIENCE, default public)
  --base /preview/my-branch/            path prefix of every URL (GUICHET_BASE_PATH, default /)
  --out <dir>                           output folder (GUICHET_OUT_DIR, default dist)
  --sandbox-url <url>                   sandbox gateway (GUICHET_SANDBOX_URL, default ${toLocalUrl(defaultPorts.gateway)})
  --admin-url <url>                     its admin API, for the owners' usage page (GUICHET_ADMIN_URL, default ${toLocalUrl(defaultPorts.admin)})
  --snapshot <file>                     catalog snapshot (GUICHET_SNAPSHOT, default .guichet/catalog.json)
  --portal <file>                       identity and language (GUICHET_PORTAL_FILE, default portal.yaml)
  --snapshot-only                       write the snapshot and stop
  -h, --help                            show this help
APIs are read from APIS_DIR (default apis).`,
  options: {
    audience: { type: 'string' },
    base: { type: 'string' },
    out: { type: 'string' },
    'sandbox-url': { type: 'string' },
    'admin-url': { type: 'string' },
    snapshot: { type: 'string' },
    portal: { type: 'string' },
    'snapshot-only': { type: 'boolean', default: false },
  },
} as const;

/**
 * The build's settings from its flags and its environment (`buildEnvSchema`): flags win, so a
 * one-off command line can override what CI exports. Throws `PortalSettingsError` listing
 * every bad value, whether a flag or a variable gave it.
 */
export function toBuildOptions(
  values: CommandLine<typeof buildCommand.options>['values'],
  env: BuildEnv,
): BuildOptions {
  const problems: string[] = [];
  const audience = values.audience ?? env.GUICHET_AUDIENCE ?? 'public';
  if (!isVisibility(audience)) {
    problems.push(toAudienceProblem(audience));
  }
  const flags = {
    base: values.base,
    outDir: values.out,
    sandboxUrl: values['sandbox-url'],
    adminUrl: values['admin-url'],
    snapshotPath: values.snapshot,
    portalFile: values.portal,
  };
  const flagNames = {
    base: '--base',
    outDir: '--out',
    sandboxUrl: '--sandbox-url',
    adminUrl: '--admin-url',
    snapshotPath: '--snapshot',
    portalFile: '--portal',
  } as const;
  const given = Object.entries(flags).filter(
    (entry): entry is [keyof PortalSettings, string] => entry[1] !== undefined,
  );
  // An empty value (`--out=`) is a slip of the command line, not a setting to check.
  for (const [key, value] of given) {
    if (value.trim() === '') problems.push(`${flagNames[key]} — is empty — ${emptyFlagHints[key]}`);
  }
  const kept = given.filter(([, value]) => value.trim() !== '');
  let settings: PortalSettings | undefined;
  try {
    settings = parsePortalSettings(
      { ...toSettingsInput(env), ...Object.fromEntries(kept) },
      Object.fromEntries(kept.map(([key]) => [key, flagNames[key]])),
    );
  } catch (error) {
    if (!(error instanceof PortalSettingsError)) throw error;
    problems.push(...error.lines);
  }
  if (problems.length > 0 || !settings || !isVisibility(audience)) {
    throw new PortalSettingsError(problems);
  }
  return { apisDir: env.APIS_DIR, audience, snapshotOnly: values['snapshot-only'], settings };
}

/** What to give instead of an empty flag. */
const emptyFlagHints: Record<keyof PortalSettings, string> = {
  base: 'give a path prefix, e.g. --base /preview/my-branch/',
  outDir: 'give a folder, e.g. --out dist',
  sandboxUrl: `give the gateway's address, e.g. --sandbox-url ${toLocalUrl(defaultPorts.gateway)}`,
  adminUrl: `give the gateway's admin address, e.g. --admin-url ${toLocalUrl(defaultPorts.admin)}`,
  snapshotPath: 'give a file, e.g. --snapshot .guichet/catalog.json',
  portalFile: 'give a file, e.g. --portal portal.yaml',
};

/** The line for an `--audience` that names no audience (build and build:preview). */
export function toAudienceProblem(audience: string): string {
  return `--audience — "${audience}" is not one of ${visibilities.join(', ')} — give one of them, e.g. --audience partners`;
}

function isVisibility(value: string): value is Visibility {
  return (visibilities as readonly string[]).includes(value);
}
