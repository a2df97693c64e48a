import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publicPortal } from './e2e-portals.ts';
import { expect, test } from './portal-test.ts';

/** Attributes through which a page loads something by itself (links to follow are fine). */
const loadingReference =
  /<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\s(?:src|href|data|srcset)=["']?((?:https?:)?\/\/[^"'\s>]+)/gi;
const cssReference = /url\(\s*["']?((?:https?:)?\/\/[^"')]+)/gi;

test('no page of the build loads anything from another host', async () => {
  const entries = await readdir(publicPortal.outDir, { recursive: true, withFileTypes: true });
  const pages = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html'));
  expect(pages.length).toBeGreaterThan(10);
  const remote: string[] = [];
  for (const entry of pages) {
    const path = join(entry.parentPath, entry.name);
    const html = await readFile(path, 'utf8');
    for (const pattern of [loadingReference, cssReference]) {
      for (const match of html.matchAll(pattern)) {
        const url = match[1] ?? '';
        if (!/^(?:https?:)?\/\/(?:127\.0\.0\.1|localhost)[:/]/.test(url))
          remote.push(`${path}: ${url}`);
      }
    }
  }
  expect(remote).toEqual([]);
});
