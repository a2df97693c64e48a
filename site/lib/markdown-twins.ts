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
// llms-full.txt): rendered once per build, as the reference itself is described once.
const rendered = new WeakMap<CatalogVersion, string>();

/** The twin of a version's page (the API page for its current version), under `base`. */
export function renderVersionTwin(base: string, api: CatalogApi, version: CatalogVersion): string {
  const known = rendered.get(version);
  if (known !== undefined) return known;
  const text = renderTwin(base, api, version);
  rendered.set(version, text);
  return text;
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
export function toMarkdownResponse(text: string, type = 'text/markdown'): Response {
  return new Response(text, { headers: { 'Content-Type': `${type}; charset=utf-8` } });
}
