import { defineConfig, devices } from '@playwright/test';
import { previewsDir, previewsOrigin, previewsPort } from './test/e2e-previews/e2e-previews.ts';
import { chromiumFlags, chromiumPath } from './config/chromium.ts';

/**
 * End-to-end tests of branch previews in Debian's Chromium: two branches built with
 * `npm run build:preview`, served with their own sandboxes by `npm run previews` on a test port.
 * Locally a running server is reused; in CI never.
 */
export default defineConfig({
  testDir: 'test/e2e-previews',
  testMatch: '**/*.spec.ts',
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores shared with other work: two browsers at a time is plenty.
  workers: 2,
  fullyParallel: true,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: previewsOrigin,
    trace: 'off',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromiumPath,
      args: [...chromiumFlags],
    },
  },
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
