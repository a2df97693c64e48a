// Thin on purpose: the portal's Astro configuration lives in config/ and is shared with the
// build script (scripts/build-portal.ts), which passes the same settings from its flags.
import process from 'node:process';
import { defineConfig } from 'astro/config';
import { createAstroConfig } from './config/astro-config.ts';
import { loadPortalFile } from './config/load-portal-file.ts';
import { formatProblem } from './catalog/problems.ts';
import { parsePortalSettings, toSettingsInput } from './config/portal-settings.ts';

const settings = parsePortalSettings(toSettingsInput(process.env));
const { identity, problems } = await loadPortalFile(settings.portalFile);
if (!identity) throw new Error(problems.map(formatProblem).join('\n'));

export default defineConfig(createAstroConfig(settings, identity));
