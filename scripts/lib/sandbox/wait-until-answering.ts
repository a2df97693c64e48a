import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `url` until it answers with any HTTP status (the server is listening), or fails
 * after `timeoutMs` with a message naming the address.
 */
export async function waitUntilAnswering(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return;
    } catch {
      if (Date.now() > deadline) {
        throw new Error(`${url} did not answer within ${String(Math.round(timeoutMs / 1000))} s`);
      }
      await sleep(100);
    }
  }
}
