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

Reads apis/ once, stops on the owners' mistakes, then builds the static portal and its search
index. Flags win over the environment variables named beside them.

  --audience public|partners|internal   who the portal is for (GUICHET_AUDIENCE, default public)
  --base /preview/my-branch/            path prefix of every URL (GUICHET_BASE_PATH, default /)
  --out <dir>                           output folder (GUICHET_OUT_DIR, default dist)
  --sandbox-url <url>                   sandbox gateway (GUICHET_SANDBOX_URL, default ${toLocalUrl(defaultPorts.gateway)})
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
    problems.push(`--audience — "${audience}" is not one of ${visibilities.join(', ')}`);
  }
  const flags = {
    base: values.base,
    outDir: values.out,
    sandboxUrl: values['sandbox-url'],
    snapshotPath: values.snapshot,
    portalFile: values.portal,
  };
  const flagNames = {
    base: '--base',
    outDir: '--out',
    sandboxUrl: '--sandbox-url',
    snapshotPath: '--snapshot',
    portalFile: '--portal',
  } as const;
  const given = Object.entries(flags).filter(
    (entry): entry is [keyof PortalSettings, string] => entry[1] !== undefined,
  );
  let settings: PortalSettings | undefined;
  try {
    settings = parsePortalSettings(
      { ...toSettingsInput(env), ...Object.fromEntries(given) },
      Object.fromEntries(given.map(([key]) => [key, flagNames[key]])),
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

function isVisibility(value: string): value is Visibility {
  return (visibilities as readonly string[]).includes(value);
}
