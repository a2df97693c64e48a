import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumFlags, chromiumPath } from '../../../config/chromium.ts';

/** A page to weigh: its kind (home, catalog…) and its path under the portal's base. */
export interface PageToWeigh {
  kind: string;
  path: string;
}

/** The JavaScript one page loaded. */
export interface PageScripts {
  kind: string;
  path: string;
  /** Script files the page loaded, static and dynamic imports alike. */
  files: number;
  /** Scripts written into the HTML itself. */
  inline: number;
  rawBytes: number;
  gzipBytes: number;
  /** The page's own HTML, gzipped. */
  htmlGzipBytes: number;
}

/**
 * Loads each page in Chromium and adds up the JavaScript it actually fetched, including what it
 * imports lazily (Scalar's chunks, Pagefind), gzipped at the default level as a server would.
 */
export async function measurePageScripts(
  origin: string,
  base: string,
  distDir: string,
  pages: PageToWeigh[],
): Promise<PageScripts[]> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumFlags],
  });
  const measured: PageScripts[] = [];
  try {
    for (const { kind, path } of pages) {
      const page = await browser.newPage();
      const scripts = new Set<string>();
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
      });
      await page.goto(`${origin}${base}${path.replace(/^\//, '')}`, { waitUntil: 'networkidle' });
      // Astro inlines small scripts into the HTML: they count as shipped JavaScript too.
      const inline = await page.$$eval('script:not([src])', (elements) =>
        elements.map((element) => element.textContent).filter((text) => text.trim() !== ''),
      );
      await page.close();
      let rawBytes = 0;
      let gzipBytes = 0;
      for (const text of inline) {
        const content = Buffer.from(text);
        rawBytes += content.length;
        gzipBytes += gzipSync(content).length;
      }
      for (const script of scripts) {
        const file = join(distDir, decodeURIComponent(script.slice(base.length)));
        const content = await readFile(file);
        rawBytes += content.length;
        gzipBytes += gzipSync(content).length;
      }
      const html = await readFile(join(distDir, path.replace(/\?.*$/, ''), 'index.html')).catch(
        () => Buffer.alloc(0),
      );
      measured.push({
        kind,
        path,
        files: scripts.size,
        inline: inline.length,
        rawBytes,
        gzipBytes,
        htmlGzipBytes: gzipSync(html).length,
      });
    }
  } finally {
    await browser.close();
  }
  return measured;
}
