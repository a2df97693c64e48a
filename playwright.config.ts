import { defineConfig, devices } from '@playwright/test';
import { e2eOrigin } from './test/e2e/e2e-portals.ts';

/**
 * End-to-end tests in Debian's Chromium (browsers cannot be downloaded here). The web server
 * builds the fixture portals and serves them; locally a running one is reused, in CI never.
 */
export default defineConfig({
  testDir: 'test/e2e',
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
    baseURL: e2eOrigin,
    trace: 'off',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: './node_modules/.bin/node test/e2e/serve-e2e.ts',
    url: `${e2eOrigin}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      ASTRO_TELEMETRY_DISABLED: '1',
      GUICHET_SANDBOX_URL: 'http://127.0.0.1:8000',
    },
  },
});
