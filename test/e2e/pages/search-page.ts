import type { Locator } from '@playwright/test';
import { PortalPage } from './portal-page.ts';

/** `/search/`: Pagefind's results, rendered by the page's own script. */
export class SearchPage extends PortalPage {
  async goto(query: string): Promise<void> {
    await this.page.goto(this.path(`search/?q=${encodeURIComponent(query)}`));
  }

  /** The results list once the page has searched and listed its first batch. */
  get settledResults(): Locator {
    return this.page.locator('#search-results[aria-busy="false"]');
  }

  /** The links to sections of result pages (operations, schemas), in the order shown. */
  get sectionLinks(): Locator {
    return this.page.locator('#search-results li li a');
  }

  get status(): Locator {
    return this.page.locator('#search-status');
  }

  get results(): Locator {
    return this.page.locator('#search-results > li');
  }

  /** The link to a section of a result page (an operation), by its text. */
  sectionLink(name: string | RegExp): Locator {
    return this.page.locator('#search-results li li').getByRole('link', { name });
  }
}
