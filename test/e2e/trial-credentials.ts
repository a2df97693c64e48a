import type { Page } from '@playwright/test';
import { e2eSandbox } from './e2e-portals.ts';

/** A trial application the sandbox issued: its key and its client. */
export interface IssuedTrial {
  key: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Issues a trial application for `apiId` and stores its key and client the way the trial-key
 * form does (`guichet:keys`, `guichet:clients`), before any page script runs.
 */
export async function storeIssuedTrial(
  page: Page,
  apiId: string,
  application: string,
): Promise<IssuedTrial> {
  const issued = await page.request.post(`${e2eSandbox.url}/_guichet/trial-keys`, {
    data: { application, email: 'trial@example.org', api: apiId, acceptTerms: true },
  });
  const trial = (await issued.json()) as IssuedTrial;
  await page.addInitScript(
    ({ id, key, clientId, clientSecret }) => {
      window.localStorage.setItem('guichet:keys', JSON.stringify({ [id]: key }));
      window.localStorage.setItem(
        'guichet:clients',
        JSON.stringify({ [id]: { clientId, clientSecret } }),
      );
    },
    { id: apiId, key: trial.key, clientId: trial.clientId, clientSecret: trial.clientSecret },
  );
  return trial;
}
