import { defineConfig } from '@playwright/test';
import { previewsDir, previewsOrigin, previewsPort } from './test/e2e-previews/e2e-previews.ts';
import { createPlaywrightDefaults } from './config/playwright-defaults.ts';

/**
 * End-to-end tests of branch previews in Debian's Chromium: two branches built with
 * `npm run build:preview`, served with their own sandboxes by `npm run previews` on a test port.
 * Locally a running server is reused; in CI never.
 */
export default defineConfig({
  ...createPlaywrightDefaults(previewsOrigin, 'test/e2e-previews'),
  webServer: {
    command: './node_modules/.bin/node test/e2e-previews/build-e2e-previews.ts && npm run previews',
    url: `${previewsOrigin}/previews.json`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      ASTRO_TELEMETRY_DISABLED: '1',
      GUICHET_PREVIEWS_DIR: previewsDir,
      GUICHET_PREVIEWS_PORT: String(previewsPort),
    },
  },
});
