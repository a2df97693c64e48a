import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumFlags, chromiumPath } from '../../../config/chromium.ts';
import type { PageToWeigh } from './measure-page-scripts.ts';

/** The styles, scripts and fonts one page loaded, gzipped as a server would send them. */
export interface PageAssets {
  kind: string;
  path: string;
  /** Stylesheets it fetched and `<style>` elements in its HTML. */
  cssGzipBytes: number;
  /** Scripts it fetched (static and dynamic imports) and inline scripts. */
  jsGzipBytes: number;
  /** The part of both that lives under one folder (`_dsfr/`): the design system's own files. */
  folderCssGzipBytes: number;
  folderJsGzipBytes: number;
  /** Font files it fetched (already compressed: their size as they are). */
  fontBytes: number;
}

/**
 * Loads each page in Chromium and adds up the CSS, JavaScript and fonts it actually fetched or
 * carries inline, with the share of `folder` (the DSFR theme's `_dsfr/`) reported apart.
 */
export async function measurePageAssets(
  origin: string,
  base: string,
  distDir: string,
  pages: readonly PageToWeigh[],
  folder: string,
): Promise<PageAssets[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumFlags] });
  const measured: PageAssets[] = [];
  const gzipOf = async (pathname: string): Promise<number> =>
    gzipSync(await readFile(join(distDir, decodeURIComponent(pathname.slice(base.length))))).length;
  try {
    for (const { kind, path } of pages) {
      const page = await browser.newPage();
      const fetched = new Map<string, string>();
      page.on('request', (request) => {
        const type = request.resourceType();
        if (type === 'script' || type === 'stylesheet' || type === 'font')
          fetched.set(new URL(request.url()).pathname, type);
      });
      await page.goto(`${origin}${base}${path.replace(/^\//, '')}`, { waitUntil: 'networkidle' });
      const inline = await page.evaluate(() => ({
        css: [...document.querySelectorAll('style')].map((element) => element.textContent),
        js: [...document.querySelectorAll('script:not([src])')]
          .map((element) => element.textContent)
          .filter((text) => text.trim() !== ''),
      }));
      await page.close();
      const assets: PageAssets = {
        kind,
        path,
        cssGzipBytes: 0,
        jsGzipBytes: 0,
        folderCssGzipBytes: 0,
        folderJsGzipBytes: 0,
        fontBytes: 0,
      };
      for (const text of inline.css) assets.cssGzipBytes += gzipSync(Buffer.from(text)).length;
      for (const text of inline.js) assets.jsGzipBytes += gzipSync(Buffer.from(text)).length;
      for (const [pathname, type] of fetched) {
        const inFolder = pathname.startsWith(`${base}${folder}/`);
        if (type === 'font') {
          assets.fontBytes += (await readFile(join(distDir, pathname.slice(base.length)))).length;
          continue;
        }
        const bytes = await gzipOf(pathname);
        if (type === 'stylesheet') {
          assets.cssGzipBytes += bytes;
          if (inFolder) assets.folderCssGzipBytes += bytes;
        } else {
          assets.jsGzipBytes += bytes;
          if (inFolder) assets.folderJsGzipBytes += bytes;
        }
      }
      measured.push(assets);
    }
  } finally {
    await browser.close();
  }
  return measured;
}
