import type { Locator, Page } from '@playwright/test';

/** A usage page of the sandbox: the owners' (admin port) or a consumer's own (public port). */
export class UsageView {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  get credential(): Locator {
    return this.page.locator('#credential');
  }

  get status(): Locator {
    return this.page.getByRole('status');
  }

  /** The table whose caption is `caption`. */
  table(caption: string): Locator {
    return this.page.getByRole('table', { name: caption });
  }

  /** Fills the form and asks for the report. */
  async show(credential: string, filters: Record<string, string> = {}): Promise<void> {
    await this.credential.fill(credential);
    for (const [id, value] of Object.entries(filters))
      await this.page.locator(`#${id}`).fill(value);
    await this.page.getByRole('button', { name: 'Show usage' }).click();
  }
}
