import type { Locator } from '@playwright/test';
import { PortalPage } from './portal-page.ts';

/** `/apis/`: the cards and their filters. */
export class CatalogPage extends PortalPage {
  async goto(query = ''): Promise<void> {
    await this.page.goto(this.path(`apis/${query}`));
  }

  get filters(): Locator {
    return this.page.locator('#catalog-filters');
  }

  get cards(): Locator {
    return this.page.locator('#catalog-cards > li:visible');
  }

  get count(): Locator {
    return this.page.locator('#catalog-count');
  }

  /** Titles of the cards currently shown. */
  async visibleTitles(): Promise<string[]> {
    return this.cards.getByRole('heading').allInnerTexts();
  }

  async toggleTag(tag: string): Promise<void> {
    await this.filters
      .getByRole('group', { name: 'Tags' })
      .getByRole('checkbox', { name: new RegExp(`^${tag} \\(`) })
      .click();
  }

  async toggleLifecycle(label: string): Promise<void> {
    await this.filters
      .getByRole('group', { name: 'Lifecycle' })
      .getByRole('checkbox', { name: new RegExp(`^${label} \\(`) })
      .click();
  }

  async openApi(title: string): Promise<void> {
    await this.cards.getByRole('link', { name: title }).click();
  }
}
