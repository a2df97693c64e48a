import type { Locator } from '@playwright/test';
import { PortalPage } from './portal-page.ts';

/** `/apis/<id>/<version>/reference/`: the Scalar console. */
export class ReferencePage extends PortalPage {
  async goto(apiId: string, versionId: string): Promise<void> {
    await this.page.goto(this.path(`apis/${apiId}/${versionId}/reference/`));
  }

  get console(): Locator {
    return this.page.locator('#console');
  }

  get missingKeyNotice(): Locator {
    return this.page.locator('#key-missing');
  }

  get keyNotice(): Locator {
    return this.page.locator('#key-present');
  }

  /** Saves sandbox keys the way the trial-key form does, before any page script runs. */
  async storeKeys(keys: Record<string, string>): Promise<void> {
    await this.page.addInitScript((value) => {
      window.localStorage.setItem('guichet:keys', value);
    }, JSON.stringify(keys));
  }
}
