import { resolve } from 'node:path';
import type { AstroInlineConfig } from 'astro';
import { createDsfrBundle } from './dsfr-bundle.ts';
import { createLanguageRoutes } from './language-routes.ts';
import type { PortalIdentity } from './load-portal-file.ts';
import type { PortalSettings } from './portal-settings.ts';
import { createScalarBundle } from './scalar-bundle.ts';
import { createSettingsModule } from './settings-module.ts';

/**
 * Astro's configuration for one portal build. `astro.config.mjs` (dev server) and the build
 * script both call this, so `npm run dev` and `npm run build` cannot drift apart.
 */
export function createAstroConfig(
  settings: PortalSettings,
  identity: PortalIdentity,
): AstroInlineConfig {
  const outDir = resolve(settings.outDir);
  return {
    srcDir: './site',
    publicDir: './site/public',
    outDir,
    // Builds with their own output folder get their own cache, so benchmarks and tests can run
    // two builds side by side without sharing half-written files.
    ...(outDir === resolve('dist') ? {} : { cacheDir: `${outDir}.cache` }),
    base: settings.base,
    trailingSlash: 'ignore',
    output: 'static',
    // The default language at the root, the others under their prefix (language-routes.ts).
    build: { format: 'directory', inlineStylesheets: 'always' },
    compressHTML: true,
    devToolbar: { enabled: false },
    prefetch: false,
    // The DSFR's files are copied into the build only when portal.yaml chose its theme.
    integrations: [
      createLanguageRoutes(identity),
      createScalarBundle(),
      ...(identity.theme === 'dsfr' ? [createDsfrBundle()] : []),
    ],
    vite: {
      plugins: [createSettingsModule(settings, identity)],
      logLevel: 'warn',
      build: { sourcemap: false },
    },
  };
}
