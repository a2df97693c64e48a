import type { APIRequestContext, Page } from '@playwright/test';
import { CatalogPage } from '../e2e/pages/catalog-page.ts';
import { expect, test } from '../e2e/portal-test.ts';
import { featureBranch, mainBranch, previewsOrigin, restrictedApi } from './e2e-previews.ts';

/** What a crawl of one preview found wrong. */
interface CrawlReport {
  pages: number;
  files: number;
  /** Same-origin URLs outside the preview's base path. */
  outside: string[];
  /** Pages, assets and files that did not answer 200. */
  broken: string[];
}

/**
 * Visits every page of a preview reachable from its home in Chromium, and asks for every other
 * file they link (documents, sources, catalog.json): every same-origin URL must sit under the
 * base path and answer. Reference pages are only fetched: their console has its own test.
 */
async function crawl(page: Page, request: APIRequestContext, base: string): Promise<CrawlReport> {
  const report: CrawlReport = { pages: 0, files: 0, outside: [], broken: [] };
  page.on('response', (response) => {
    if (response.status() >= 400)
      report.broken.push(`${String(response.status())} ${response.url()}`);
  });
  const queue = [base];
  const seen = new Set(queue);
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    await page.goto(path);
    report.pages += 1;
    const links = await page
      .locator('a[href], link[href], script[src], img[src], form[action]')
      .evaluateAll((elements) =>
        elements.map((element) => {
          if (element instanceof HTMLAnchorElement || element instanceof HTMLLinkElement)
            return element.href;
          if (element instanceof HTMLFormElement) return element.action;
          return (element as HTMLScriptElement | HTMLImageElement).src;
        }),
      );
    for (const link of links) {
      if (!link.startsWith(`${previewsOrigin}/`)) continue;
      const url = new URL(link);
      if (!url.pathname.startsWith(base)) {
        report.outside.push(`${url.pathname} (on ${path})`);
        continue;
      }
      const target = `${url.pathname}${url.search}`;
      if (seen.has(target)) continue;
      seen.add(target);
      if (url.pathname.endsWith('/') && !url.pathname.endsWith('/reference/')) {
        queue.push(target);
        continue;
      }
      const answer = await request.get(target);
      report.files += 1;
      if (answer.status() !== 200) report.broken.push(`${String(answer.status())} ${target}`);
    }
  }
  return report;
}

test("every page, link and asset of a preview works under the branch's base path", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const report = await crawl(page, request, `/${mainBranch.slug}/`);
  expect(report.outside).toEqual([]);
  expect(report.broken).toEqual([]);
  // Home, catalog, search, both APIs and their guides and pages at least.
  expect(report.pages).toBeGreaterThan(5);
  expect(report.files).toBeGreaterThan(3);
});

test("the catalog of a preview shows the branch's restricted APIs to its reviewers", async ({
  page,
}) => {
  const catalog = new CatalogPage(page, `/${featureBranch.slug}/`);
  await catalog.goto();
  await expect(catalog.cards).toHaveCount(2);
  await catalog.openApi(restrictedApi.title);
  await expect(page).toHaveURL(`/${featureBranch.slug}/apis/${restrictedApi.id}/`);
  await expect(catalog.heading).toHaveText(restrictedApi.title);
});
