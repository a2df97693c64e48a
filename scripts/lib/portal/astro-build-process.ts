/**
 * The process `runAstroBuild` starts: builds the portal's pages with Astro for the settings it
 * is given as JSON, already validated by the build script.
 */
import { createAstroConfig } from '../../../config/astro-config.ts';
import { parsePortalSettings, type PortalSettingsInput } from '../../../config/portal-settings.ts';

const settings = parsePortalSettings(JSON.parse(process.argv[2] ?? '{}') as PortalSettingsInput);
const { build } = await import('astro');
await build({ ...createAstroConfig(settings), configFile: false, logLevel: 'warn' });
