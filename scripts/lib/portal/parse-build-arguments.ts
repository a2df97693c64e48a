import { parseArgs } from 'node:util';
import { visibilities, type Visibility } from '../../../catalog/index.ts';
import {
  parsePortalSettings,
  PortalSettingsError,
  toSettingsInput,
  type PortalSettings,
} from '../../../config/portal-settings.ts';

/** Everything one run of `npm run build` needs to know. */
export interface BuildOptions {
  /** Folder of APIs to read. */
  apisDir: string;
  audience: Visibility;
  /** Write the catalog snapshot and stop (what `npm run dev` needs). */
  snapshotOnly: boolean;
  settings: PortalSettings;
}

/** Usage printed with `--help` and after a wrong flag. */
export const buildUsage = `Usage: npm run build -- [options]

  --audience public|partners|internal   who the portal is for (GUICHET_AUDIENCE, default public)
  --base /preview/my-branch/            path prefix of every URL (GUICHET_BASE_PATH, default /)
  --out <dir>                           output folder (GUICHET_OUT_DIR, default dist)
  --sandbox-url <url>                   sandbox gateway (GUICHET_SANDBOX_URL, default http://127.0.0.1:8000)
  --snapshot <file>                     catalog snapshot (GUICHET_SNAPSHOT, default .guichet/catalog.json)
  --snapshot-only                       write the snapshot and stop
APIs are read from APIS_DIR (default apis).`;

/**
 * Reads the build's flags, falling back on the environment: flags win, so a one-off command
 * line can override what CI exports. Throws `PortalSettingsError` listing every bad value.
 */
export function parseBuildArguments(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BuildOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        audience: { type: 'string' },
        base: { type: 'string' },
        out: { type: 'string' },
        'sandbox-url': { type: 'string' },
        snapshot: { type: 'string' },
        'snapshot-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new PortalSettingsError([error instanceof Error ? error.message : String(error)]);
  }
  if (values.help) return 'help';
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
  };
  const flagNames = {
    base: '--base',
    outDir: '--out',
    sandboxUrl: '--sandbox-url',
    snapshotPath: '--snapshot',
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
  return {
    apisDir: env.APIS_DIR?.trim() || 'apis',
    audience,
    snapshotOnly: values['snapshot-only'],
    settings,
  };
}

function isVisibility(value: string): value is Visibility {
  return (visibilities as readonly string[]).includes(value);
}
