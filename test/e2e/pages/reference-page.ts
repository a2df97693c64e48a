import type { Locator } from '@playwright/test';
import { toStoredKeysName } from '../../../site/scripts/sandbox-keys.ts';
import { PortalPage } from './portal-page.ts';

/** `/apis/<id>/<version>/reference/`: the Scalar console. */
export class ReferencePage extends PortalPage {
  /** Goes to the page and, unless told not to, opens the console as a partner would. */
  async goto(apiId: string, versionId: string, options: { open?: boolean } = {}): Promise<void> {
    await this.page.goto(this.path(`apis/${apiId}/${versionId}/reference/`));
    if (options.open ?? true) await this.openButton.click();
  }

  /** The button that loads Scalar: nothing of it loads before. */
  get openButton(): Locator {
    return this.page.getByRole('button', { name: 'Open the interactive console' });
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

  /** Scalar's request window, open once an operation's "Test Request" is clicked. */
  get client(): Locator {
    return this.page.getByRole('dialog');
  }

  /**
   * Brings an operation into view through Scalar's sidebar: Scalar renders the operations far
   * below the first only once they are reached.
   */
  async showOperation(name: RegExp): Promise<void> {
    await this.console.getByRole('complementary').getByRole('link', { name }).first().click();
  }

  /** Opens an operation in Scalar's client and sends its request as the document fills it. */
  async sendRequest(operation: RegExp): Promise<void> {
    await this.console.getByRole('button', { name: operation }).first().click();
    await this.sendAgain();
  }

  /** Sends the request open in Scalar's client once more. */
  async sendAgain(): Promise<void> {
    await this.client.getByRole('button', { name: /^Send/ }).first().click();
  }

  /** Unfolds the response headers Scalar received (those the sandbox lets a page read). */
  async showResponseHeaders(): Promise<Locator> {
    const toggle = this.client.getByRole('button', { name: /Response Headers/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    return this.client;
  }

  /** Saves sandbox keys the way the trial-key form does, before any page script runs. */
  async storeKeys(keys: Record<string, string>): Promise<void> {
    await this.page.addInitScript(
      ({ name, value }) => {
        window.localStorage.setItem(name, value);
      },
      { name: toStoredKeysName(this.base), value: JSON.stringify(keys) },
    );
  }
}
