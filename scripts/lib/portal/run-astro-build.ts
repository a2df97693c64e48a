import type { PortalSettings } from '../../../config/portal-settings.ts';
import { createAstroConfig } from '../../../config/astro-config.ts';

/**
 * Runs Astro's static build in this process with the portal's configuration (the same as
 * `astro.config.mjs` builds for the dev server). Telemetry is off before Astro is even loaded.
 */
export async function runAstroBuild(settings: PortalSettings): Promise<void> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { build } = await import('astro');
  await build({ ...createAstroConfig(settings), configFile: false, logLevel: 'warn' });
}
