import { chromium, type Page } from '@playwright/test';
import { chromiumFlags, chromiumPath } from '../../../config/chromium.ts';

/** A link the search page showed: where it leads and what it says. */
export interface ShownLink {
  href: string;
  text: string;
}

/**
 * Runs each query through the portal's own search page in Chromium, as a partner would: the
 * page's script loads the built Pagefind bundle once, and each query is typed into its box and
 * submitted; what is read back is the links the page then shows in order — for each result page
 * its sections (operations, schemas) as the page picks them, else the page itself. Only the
 * first batch is read (the page shows ten results before "Show more").
 */
export async function searchLikeAPartner(
  origin: string,
  base: string,
  queries: readonly string[],
  onProgress?: (done: number) => void,
): Promise<ShownLink[][]> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumFlags] });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}${base}search/`);
    await waitForResults(page);
    const shown: ShownLink[][] = [];
    for (const query of queries) {
      shown.push(
        await runQuery(page, query).catch((error: unknown) => {
          throw new Error(`bench:search: searching ${JSON.stringify(query)} failed`, {
            cause: error,
          });
        }),
      );
      onProgress?.(shown.length);
    }
    return shown;
  } finally {
    await browser.close();
  }
}

/** The page marks its results busy while it searches and lists the first batch. */
async function waitForResults(page: Page): Promise<void> {
  // A search on the corpus may load megabytes of fragments on a busy machine: wait for the
  // state, not a deadline.
  await page
    .locator('#search-results[aria-busy="false"]')
    .waitFor({ state: 'attached', timeout: 0 });
}

async function runQuery(page: Page, query: string): Promise<ShownLink[]> {
  // A script error would leave the results busy for good: it fails the query instead.
  let onError: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    onError = reject;
  });
  page.on('pageerror', onError);
  try {
    // Set the box and submit at once: typing would also start the page's delayed search.
    await page.evaluate((text) => {
      const input = document.querySelector<HTMLInputElement>('#search-query');
      const form = document.querySelector<HTMLFormElement>('#search-page-form');
      if (!input || !form) throw new Error('this is not the portal’s search page');
      input.value = text;
      form.requestSubmit();
    }, query);
    await Promise.race([waitForResults(page), failed]);
  } finally {
    page.off('pageerror', onError);
  }
  return page.$$eval('#search-results > li', (items) =>
    items.flatMap((item) => {
      const sections = [...item.querySelectorAll(':scope > ul > li > a')];
      const links = sections.length > 0 ? sections : [...item.querySelectorAll(':scope > h2 > a')];
      return links.map((link) => ({
        href: link.getAttribute('href') ?? '',
        text: (link.textContent ?? '').trim(),
      }));
    }),
  );
}
