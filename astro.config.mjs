// Thin on purpose: the portal's Astro configuration lives in config/ and is shared with the
// build script (scripts/build-portal.ts), which passes the same settings from its flags.
import process from 'node:process';
import { defineConfig } from 'astro/config';
import { createAstroConfig } from './config/astro-config.ts';
import { parsePortalSettings, toSettingsInput } from './config/portal-settings.ts';

export default defineConfig(createAstroConfig(parsePortalSettings(toSettingsInput(process.env))));
