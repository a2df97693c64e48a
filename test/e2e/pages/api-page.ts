import type { Locator } from '@playwright/test';
import { PortalPage } from './portal-page.ts';

/** `/apis/<id>/` and `/apis/<id>/<version>/`: one version of an API, as static HTML. */
export class ApiPage extends PortalPage {
  async goto(apiId: string, versionId?: string): Promise<void> {
    await this.page.goto(this.path(`apis/${apiId}/${versionId ? `${versionId}/` : ''}`));
  }

  get operationsSection(): Locator {
    return this.page.getByRole('region', { name: 'Operations' });
  }

  /** The heading of an operation, found by its anchor. */
  operation(anchor: string): Locator {
    return this.page.locator(`[id="${anchor}"]`);
  }

  /** Anchors of every operation heading, in page order. */
  async operationAnchors(): Promise<string[]> {
    return this.operationsSection
      .locator('.operation > :is(h3, h4)')
      .evaluateAll((headings) => headings.map((heading) => heading.id));
  }

  /** The whole block of one operation: heading, parameters, bodies, responses. */
  operationBlock(anchor: string): Locator {
    return this.page.locator(`.operation[data-operation="${anchor}"]`);
  }

  /** The reference's sidebar: sandbox, console, guides, then operations by tag. */
  get sidebar(): Locator {
    return this.page.getByRole('navigation', { name: 'API reference' });
  }

  /** A split API's page for one tag. */
  async gotoTag(apiId: string, versionId: string, slug: string): Promise<void> {
    await this.page.goto(this.path(`apis/${apiId}/${versionId}/tags/${slug}/`));
  }

  get sandbox(): Locator {
    return this.page.locator('section#sandbox');
  }

  get deprecationWarning(): Locator {
    return this.page.getByRole('note').filter({ hasText: 'deprecated' });
  }

  get versions(): Locator {
    return this.page.getByRole('region', { name: 'Versions' }).getByRole('table');
  }
}
