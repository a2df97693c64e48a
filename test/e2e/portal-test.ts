import { test as base, expect, type Page } from '@playwright/test';

/** Hosts a portal page may reach: the portal itself and the local sandbox. */
const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface PortalFixtures {
  /** Console errors a test expects (a 404 page logs its own status); others fail the test. */
  allowedConsoleErrors: RegExp[];
  /** Every URL the pages of the test asked for, local or not. */
  requests: string[];
  /** Fails the test on console errors and on any request to another host. */
  guard: undefined;
}

/**
 * The portal's end-to-end `test`: every page is watched for console errors and uncaught
 * exceptions, and every request it makes is recorded; requests to any host but loopback are
 * blocked and fail the test, since the portal must work offline.
 */
export const test = base.extend<PortalFixtures>({
  allowedConsoleErrors: [[], { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; there are none
  requests: async ({}, use) => {
    await use([]);
  },
  guard: [
    async ({ context, requests, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      const outside: string[] = [];
      await context.route('**/*', async (route) => {
        const url = route.request().url();
        requests.push(url);
        if (isLocal(url)) {
          await route.fallback();
          return;
        }
        outside.push(url);
        await route.abort('blockedbyclient');
      });
      const watch = (page: Page): void => {
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          const text = message.text();
          if (!allowedConsoleErrors.some((pattern) => pattern.test(text))) errors.push(text);
        });
        page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(undefined);
      expect(outside, 'requests that left 127.0.0.1/localhost').toEqual([]);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    return localHosts.has(new URL(url).hostname);
  } catch {
    return false;
  }
}
