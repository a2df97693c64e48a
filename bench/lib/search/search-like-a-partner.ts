import { chromium, type Page } from '@playwright/test';
import { chromiumFlags, chromiumPath } from '../../../config/chromium.ts';

/** A link the search page showed: where it leads and what it says. */
export interface ShownLink {
  href: string;
  text: string;
}

/**
 * Runs each query through the portal's own search page in Chromium, as a partner does from the
 * header's search box: it opens `/search/?q=…`, whose script loads the built Pagefind bundle,
 * searches and lists its results. A fresh page each time: Pagefind's scores depend on the index
 * chunks earlier searches loaded, and each query should count as a partner's first. What is
 * read back is the links the page shows in order — for each result page its sections
 * (operations, schemas) as the page picks them, else the page itself; only the first batch
 * (the page shows ten results before "Show more").
 */
export async function searchLikeAPartner(
  origin: string,
  base: string,
  queries: readonly string[],
  options: { concurrency?: number; onProgress?: (done: number) => void } = {},
): Promise<ShownLink[][]> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumFlags] });
  try {
    const shown: ShownLink[][] = new Array<ShownLink[]>(queries.length);
    let next = 0;
    let done = 0;
    // Each query has a page of its own, so pages searching side by side change nothing but
    // the wall time: the bench waits on the loopback server and Pagefind's fetches as much
    // as on the processor.
    const work = async (): Promise<void> => {
      const page = await browser.newPage();
      for (let index = next++; index < queries.length; index = next++) {
        const query = queries[index] ?? '';
        const url = `${origin}${base}search/?q=${encodeURIComponent(query)}`;
        shown[index] = await runQuery(page, url).catch((error: unknown) => {
          throw new Error(`bench:search: searching ${JSON.stringify(query)} failed`, {
            cause: error,
          });
        });
        done += 1;
        options.onProgress?.(done);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, work));
    return shown;
  } finally {
    await browser.close();
  }
}

async function runQuery(page: Page, url: string): Promise<ShownLink[]> {
  // A script error would leave the results busy for good: it fails the query instead.
  let onError: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    onError = reject;
  });
  page.on('pageerror', onError);
  try {
    await page.goto(url);
    // The page marks its results busy while it searches and lists the first batch. A search
    // on the corpus may load megabytes of fragments on a busy machine: wait for the state, not
    // a deadline.
    const settled = page
      .locator('#search-results[aria-busy="false"]')
      .waitFor({ state: 'attached', timeout: 0 });
    await Promise.race([settled, failed]);
  } finally {
    page.off('pageerror', onError);
  }
  return page.$$eval('#search-results > li', (items) =>
    items.flatMap((item) => {
      const sections = [...item.querySelectorAll(':scope > ul > li > a')];
      const links = sections.length > 0 ? sections : [...item.querySelectorAll(':scope > h2 > a')];
      return links.map((link) => ({
        href: link.getAttribute('href') ?? '',
        text: link.textContent.trim(),
      }));
    }),
  );
}
