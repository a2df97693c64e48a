import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The heaviest HTML page of a build, gzipped as a server would send it. */
export interface LargestPage {
  path: string;
  gzipBytes: number;
  rawBytes: number;
}

/**
 * Gzips every HTML page of a built portal and returns the largest: the page size budget holds
 * for every page, not only the ones the bench opens in a browser.
 */
export async function findLargestPage(distDir: string): Promise<LargestPage | undefined> {
  const files = (await readdir(distDir, { recursive: true })).filter((file) =>
    file.endsWith('.html'),
  );
  let largest: LargestPage | undefined;
  for (const file of files) {
    const html = await readFile(join(distDir, file));
    const gzipBytes = gzipSync(html).length;
    if (!largest || gzipBytes > largest.gzipBytes) {
      largest = { path: file, gzipBytes, rawBytes: html.length };
    }
  }
  return largest;
}
