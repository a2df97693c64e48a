import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls until `check` holds: a state to reach, whatever the machine's speed. The bound (two
 * minutes) is far above any work the tests wait for; it only stops a test that would hang.
 */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  everyMs = 20,
): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(everyMs);
  }
  throw new Error(`never reached: ${what}`);
}
