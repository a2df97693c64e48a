import type { Locator, Page } from '@playwright/test';

/** `/` of `npm run previews`: one row per preview. */
export class PreviewsPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** The row of a branch, found by its name. */
  row(branch: string): Locator {
    return this.page.getByRole('row').filter({
      has: this.page.getByRole('rowheader', { name: branch, exact: true }),
    });
  }
}
