import { sandboxUrl } from 'virtual:guichet/settings';
import type { CatalogApi, CatalogVersion } from '../../catalog/index.ts';
import { renderVersionMarkdown } from '../../catalog/markdown-twin/render-version.ts';
import { getVersionPages } from './reference/get-reference.ts';
import { createUrls, toSandboxUrl } from './urls.ts';

/**
 * Where each page's Markdown twin lives: the page's URL and `index.html.md`, as llmstxt.org
 * proposes for URLs without a file name (`/apis/tax/` → `/apis/tax/index.html.md`).
 */
export function toTwinUrl(pageUrl: string): string {
  return `${pageUrl.replace(/\/?$/, '/')}index.html.md`;
}

/** The twin URLs of a portal under `base`. */
export function createTwinUrls(base: string) {
  const urls = createUrls(base);
  return {
    api: (apiId: string): string => toTwinUrl(urls.api(apiId)),
    version: (apiId: string, versionId: string): string =>
      toTwinUrl(`${urls.api(apiId)}${encodeURIComponent(versionId)}/`),
    guide: (apiId: string, slug: string): string => toTwinUrl(urls.guide(apiId, slug)),
    llms: urls.asset('llms.txt'),
    llmsFull: urls.asset('llms-full.txt'),
  };
}

// The current version's twin is printed three times (the API's twin, its version's, and in
// llms-full.txt): rendered once per build, as the reference itself is described once, and kept
// as UTF-8, which every answer sends as it is. Kept as strings, the corpus's twins took 73 MB
// of V8's heap for 36 MB of text (their dashes make V8 store two bytes a character) for the
// whole build, and were encoded again for each answer.
const rendered = new WeakMap<CatalogVersion, Uint8Array<ArrayBuffer>>();
const encoder = new TextEncoder();

/** The twin of a version's page (the API page for its current version), under `base`, in UTF-8. */
export function renderVersionTwin(
  base: string,
  api: CatalogApi,
  version: CatalogVersion,
): Uint8Array<ArrayBuffer> {
  const known = rendered.get(version);
  if (known !== undefined) return known;
  const bytes = encoder.encode(renderTwin(base, api, version));
  rendered.set(version, bytes);
  return bytes;
}

function renderTwin(base: string, api: CatalogApi, version: CatalogVersion): string {
  const urls = createUrls(base);
  const twins = createTwinUrls(base);
  const { reference } = getVersionPages(version);
  return renderVersionMarkdown(api, version, reference, {
    page: urls.version(api.id, version.id, api.currentVersionId),
    sandboxBaseUrl: toSandboxUrl(sandboxUrl, api.id, version.id),
    sandboxUrl,
    openapi: urls.bundledDocument(api.id, version.id),
    versionTwin: (versionId) => twins.version(api.id, versionId),
    guideTwin: (slug) => twins.guide(api.id, slug),
  });
}

/** A Markdown answer, as the static server and Astro write it. */
export function toMarkdownResponse(body: BodyInit, type = 'text/markdown'): Response {
  return new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8` } });
}
