import type { Locator, Page } from '@playwright/test';

/** A usage page of the portal: the owners' (`usage/owners/`) or a consumer's own (`usage/`). */
export class UsageView {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** The key, or the admin token. */
  get credential(): Locator {
    return this.page.locator('#usage-credential');
  }

  /** A filter field: `api`, `version`, `consumer`, `operation`. */
  filter(name: string): Locator {
    return this.page.locator(`#usage-${name}`);
  }

  get status(): Locator {
    return this.page.locator('#usage-status');
  }

  get chart(): Locator {
    return this.page.locator('#usage-chart canvas');
  }

  /** The table whose caption is `caption`. */
  table(caption: string): Locator {
    return this.page.getByRole('table', { name: caption });
  }

  /** The `column`-th cell (from 0) of the row naming `row` in the table captioned `caption`. */
  cell(caption: string, row: string | RegExp, column: number): Locator {
    return this.table(caption).getByRole('row', { name: row }).getByRole('cell').nth(column);
  }

  /** Fills the credential and filters, then asks for the report. */
  async show(credential: string, filters: Record<string, string> = {}): Promise<void> {
    await this.credential.fill(credential);
    for (const [name, value] of Object.entries(filters)) await this.filter(name).fill(value);
    await this.page.locator('#usage-form button[type="submit"]').click();
  }
}
