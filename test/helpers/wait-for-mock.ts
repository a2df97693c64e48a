import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until the mock server at `mockUrl` has prepared every document it was given
 * (`GET /_mock/health` reports none loading). The mock server prepares documents after it
 * starts listening and answers 503 `api-starting` meanwhile; on a loaded machine preparation
 * outlasts the wait one request gets, so tests wait for the state instead of racing it.
 */
export async function waitForPreparedDocuments(mockUrl: string): Promise<void> {
  for (;;) {
    const health = await fetch(`${mockUrl}/_mock/health`);
    if (((await health.json()) as { loading: number }).loading === 0) return;
    await sleep(100);
  }
}
