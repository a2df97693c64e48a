import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a built portal's anchors are: which indexed page holds each heading id. */
export interface AnchorLocator {
  /**
   * The link (`/apis/<id>/#<anchor>`, or on a tag or schemas page) to an anchor of an API
   * version's reference, or `undefined` when no indexed page of that version holds it.
   */
  locate: (
    apiId: string,
    versionId: string,
    currentVersionId: string,
    anchor: string,
  ) => string | undefined;
  /** The link to a page of the portal, when it was indexed. */
  page: (path: string) => string | undefined;
}

/**
 * Reads the built pages under `apis/` that Pagefind indexes (`data-pagefind-body`) and the ids
 * of their headings: the sections search results link to. What the build made is the truth, so
 * a bench's expected links are those a partner could land on.
 */
export async function locateAnchors(distDir: string, base = '/'): Promise<AnchorLocator> {
  const headingIds = new Map<string, Set<string>>();
  const files = await readdir(join(distDir, 'apis'), { recursive: true });
  for (const file of files) {
    if (!file.endsWith('index.html')) continue;
    const html = await readFile(join(distDir, 'apis', file), 'utf8');
    if (!html.includes('data-pagefind-body')) continue;
    const ids = new Set<string>();
    for (const match of html.matchAll(/<h[1-6][^>]*\sid="([^"]+)"/g))
      ids.add(decode(match[1] ?? ''));
    headingIds.set(`${base}apis/${file.slice(0, -'index.html'.length)}`, ids);
  }
  const pagesOf = (apiId: string, versionId: string, current: boolean): string[] => {
    const versionRoot = `${base}apis/${apiId}/${versionId}/`;
    const own = current ? `${base}apis/${apiId}/` : versionRoot;
    const parts = [...headingIds.keys()].filter(
      (path) => path.startsWith(`${versionRoot}tags/`) || path.startsWith(`${versionRoot}schemas/`),
    );
    return [own, ...parts.sort()];
  };
  return {
    locate: (apiId, versionId, currentVersionId, anchor) => {
      const page = pagesOf(apiId, versionId, versionId === currentVersionId).find((path) =>
        headingIds.get(path)?.has(anchor),
      );
      return page === undefined ? undefined : `${page}#${anchor}`;
    },
    page: (path) => {
      const full = `${base}${path.replace(/^\//, '')}`;
      return headingIds.has(full) ? full : undefined;
    },
  };
}

/** Astro writes `&amp;` and friends in attributes; ids are compared as the browser reads them. */
function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
