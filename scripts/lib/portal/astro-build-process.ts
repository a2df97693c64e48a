/**
 * The process `runAstroBuild` starts: builds the portal's pages with Astro for the settings it
 * is given as JSON, already validated by the build script.
 */
import { createAstroConfig } from '../../../config/astro-config.ts';
import { loadPortalFile } from '../../../config/load-portal-file.ts';
import { parsePortalSettings, type PortalSettingsInput } from '../../../config/portal-settings.ts';

const settings = parsePortalSettings(JSON.parse(process.argv[2] ?? '{}') as PortalSettingsInput);
// Checked by the build script already; read again here rather than passed, as the logo is inlined.
const { identity, problems } = await loadPortalFile(settings.portalFile);
if (!identity) throw new Error(`${settings.portalFile}: ${String(problems.length)} problem(s)`);
const { build } = await import('astro');
await build({ ...createAstroConfig(settings, identity), configFile: false, logLevel: 'warn' });
