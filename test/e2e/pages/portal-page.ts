import type { Locator, Page } from '@playwright/test';

/** What every portal page has: a header with navigation and a search form, one h1. */
export class PortalPage {
  readonly page: Page;
  /** The portal's base path (`/` or `/internal/`). */
  readonly base: string;

  constructor(page: Page, base = '/') {
    this.page = page;
    this.base = base;
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get header(): Locator {
    return this.page.getByRole('banner');
  }

  /** Searches from the header's form, which needs no JavaScript. */
  async searchFromHeader(query: string): Promise<void> {
    const form = this.header.getByRole('search');
    await form.getByRole('searchbox').fill(query);
    await form.getByRole('button', { name: 'Search' }).click();
  }

  /** A path under the portal's base. */
  path(relative: string): string {
    return `${this.base}${relative.replace(/^\//, '')}`;
  }
}
