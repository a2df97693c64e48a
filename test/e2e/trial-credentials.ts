import type { Page } from '@playwright/test';
import { toStoredClientsName } from '../../site/scripts/sandbox-credentials.ts';
import { toStoredKeysName } from '../../site/scripts/sandbox-keys.ts';
import { e2eSandbox } from './e2e-portals.ts';

/** A trial application the sandbox issued: its key and its client. */
export interface IssuedTrial {
  key: string;
  clientId: string;
  clientSecret: string;
  consumerId: string;
}

/**
 * Issues a trial application for `apiId` and stores its key and client the way the trial-key
 * form of the portal under `base` does (`guichet:keys`, `guichet:clients`, with the base past
 * `/`), before any page script runs.
 */
export async function storeIssuedTrial(
  page: Page,
  apiId: string,
  application: string,
  base = '/',
): Promise<IssuedTrial> {
  const issued = await page.request.post(`${e2eSandbox.url}/_guichet/trial-keys`, {
    data: { application, email: 'trial@example.org', api: apiId, acceptTerms: true },
  });
  const trial = (await issued.json()) as IssuedTrial;
  await page.addInitScript(
    ({ id, key, clientId, clientSecret, keysName, clientsName }) => {
      window.localStorage.setItem(keysName, JSON.stringify({ [id]: key }));
      window.localStorage.setItem(
        clientsName,
        JSON.stringify({ [id]: { clientId, clientSecret } }),
      );
    },
    {
      id: apiId,
      key: trial.key,
      clientId: trial.clientId,
      clientSecret: trial.clientSecret,
      keysName: toStoredKeysName(base),
      clientsName: toStoredClientsName(base),
    },
  );
  return trial;
}
