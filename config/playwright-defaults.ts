import { devices, type PlaywrightTestConfig } from '@playwright/test';
import { chromiumFlags, chromiumPath } from './chromium.ts';

/**
 * What both end-to-end configurations (the portal's and the previews') share: Debian's
 * Chromium, no focused tests in CI, no retries (a flaky test is a bug), and two browsers at a
 * time on a two-core machine shared with other work.
 */
export function createPlaywrightDefaults(baseURL: string, testDir: string): PlaywrightTestConfig {
  return {
    testDir,
    testMatch: '**/*.spec.ts',
    forbidOnly: !!process.env.CI,
    retries: 0,
    workers: 2,
    fullyParallel: true,
    reporter: 'list',
    timeout: 60_000,
    expect: { timeout: 15_000 },
    use: {
      baseURL,
      trace: 'off',
      screenshot: 'only-on-failure',
      ...devices['Desktop Chrome'],
      launchOptions: { executablePath: chromiumPath, args: [...chromiumFlags] },
    },
  };
}
