import { defineConfig } from '@playwright/test';
import { e2eOrigin, e2eSandbox, fixtureApisDir } from './test/e2e/e2e-portals.ts';
import { createPlaywrightDefaults } from './config/playwright-defaults.ts';

/**
 * End-to-end tests in Debian's Chromium (browsers cannot be downloaded here). Two web servers:
 * the real sandbox (mock server with Prism, gateway) for the fixture APIs, and the fixture
 * portals built to call it. Locally running ones are reused, in CI never.
 */
export default defineConfig({
  ...createPlaywrightDefaults(e2eOrigin, 'test/e2e'),
  webServer: [
    {
      // A fresh store each run: keys of an earlier run must not make a test pass.
      command: `rm -rf ${e2eSandbox.dataDir} && ./node_modules/.bin/node scripts/start-sandbox.ts`,
      url: `${e2eSandbox.url}/_guichet/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      // SIGTERM lets the launcher stop both servers, and the gateway write its usage counts.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        APIS_DIR: fixtureApisDir,
        GUICHET_SANDBOX_DIR: e2eSandbox.dataDir,
        GUICHET_GATEWAY_PORT: String(e2eSandbox.gatewayPort),
        GUICHET_ADMIN_PORT: String(e2eSandbox.adminPort),
        MOCK_PORT: String(e2eSandbox.mockPort),
        GUICHET_ADMIN_TOKEN: e2eSandbox.adminToken,
        GUICHET_CORS_ORIGINS: e2eOrigin,
        // One sandbox serves both e2e portals; the internal one gives keys for restricted APIs.
        GUICHET_AUDIENCE: 'internal',
        GUICHET_PORTAL_URL: e2eOrigin,
        // Every test asks for keys from 127.0.0.1; the hourly limit is the gateway's to test.
        GUICHET_TRIAL_KEYS_PER_HOUR: '1000',
        MOCK_PREPARE_WORKERS: '1',
        SCARF_ANALYTICS: 'false',
      },
    },
    {
      command: './node_modules/.bin/node test/e2e/serve-e2e.ts',
      url: `${e2eOrigin}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        ASTRO_TELEMETRY_DISABLED: '1',
        GUICHET_SANDBOX_URL: e2eSandbox.url,
        GUICHET_ADMIN_URL: e2eSandbox.adminUrl,
      },
    },
  ],
});
