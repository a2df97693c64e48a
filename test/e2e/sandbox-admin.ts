import { e2eSandbox } from './e2e-portals.ts';

/**
 * What an administrator does through the sandbox's admin API (gateway-stub/README.md), from
 * the test process: the same call `npm run keys -- approve <prefix>` makes on the store.
 */
export async function approveKey(key: string, apiId: string): Promise<void> {
  // The display prefix: `gk_` and eight characters.
  const prefix = key.slice(0, 11);
  const response = await fetch(`${e2eSandbox.adminUrl}/keys/${prefix}/approve`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${e2eSandbox.adminToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ api: apiId }),
  });
  if (!response.ok) {
    throw new Error(
      `approving ${prefix}… answered ${String(response.status)}: ${await response.text()}`,
    );
  }
}
