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
