/**
 * Every URL the portal prints, built from the base path it is served under, so a preview at
 * `/preview/my-branch/` works exactly like the root portal. Pages pass `import.meta.env.BASE_URL`.
 */
export interface PortalUrls {
  home: string;
  catalog: string;
  search: string;
  catalogJson: string;
  /** The sandbox's terms of use, which a partner accepts to get a trial key. */
  terms: string;
  /** The accessibility statement (RGAA's déclaration d'accessibilité). */
  accessibility: string;
  /** Every problem type the sandbox answers with. */
  problems: string;
  /** A partner's own usage of the sandbox, read with their key. */
  usage: string;
  /** The owners' view of every API's usage, read with the admin token. */
  ownerUsage: string;
  /** The page of one problem type, by its slug (`quota-exceeded`). */
  problem(slug: string): string;
  /** The API's page: its current version. */
  api(apiId: string): string;
  /** Page of one version; the current version lives at the API's page. */
  version(apiId: string, versionId: string, currentVersionId: string): string;
  /** Anchor of an operation on a version's page. */
  operation(versionPage: string, anchor: string): string;
  reference(apiId: string, versionId: string): string;
  /** A split API's page for one tag (or part of one), by its slug. */
  tagPage(apiId: string, versionId: string, slug: string): string;
  /** A split API's page of component schemas; `part` 2, 3… for the pages after the first. */
  schemasPage(apiId: string, versionId: string, part?: string): string;
  guide(apiId: string, slug: string): string;
  bundledDocument(apiId: string, versionId: string): string;
  /** The bundled document made harmless for the console (see `toConsoleDocument`). */
  consoleDocument(apiId: string, versionId: string): string;
  /** An original source file, at its path inside the API folder. */
  sourceFile(apiId: string, versionId: string, file: string): string;
  /** Any other file of the portal (`pagefind/pagefind.js`, `_scalar/standalone.esm.js`). */
  asset(path: string): string;
}

/**
 * Builds the portal's URLs under `base` (`/` or `/preview/my-branch/`). `pagePrefix` (`en/`) is
 * the language of the pages linked to: pages exist in each language, files (documents,
 * `catalog.json`, assets) once, at the base.
 */
export function createUrls(base: string, pagePrefix = ''): PortalUrls {
  const files = toBasePath(base);
  const root = `${files}${pagePrefix.replace(/^\/+/, '')}`;
  const api = (apiId: string): string => `${root}apis/${encodeSegment(apiId)}/`;
  const apiFiles = (apiId: string): string => `${files}apis/${encodeSegment(apiId)}/`;
  return {
    home: root,
    catalog: `${root}apis/`,
    search: `${root}search/`,
    catalogJson: `${files}catalog.json`,
    terms: `${root}terms/`,
    accessibility: `${root}accessibility/`,
    problems: `${root}problems/`,
    usage: `${root}usage/`,
    ownerUsage: `${root}usage/owners/`,
    problem: (slug) => `${root}problems/${encodeSegment(slug)}/`,
    api,
    version: (apiId, versionId, currentVersionId) =>
      versionId === currentVersionId ? api(apiId) : `${api(apiId)}${encodeSegment(versionId)}/`,
    operation: (versionPage, anchor) => `${versionPage}#${encodeURIComponent(anchor)}`,
    reference: (apiId, versionId) => `${api(apiId)}${encodeSegment(versionId)}/reference/`,
    tagPage: (apiId, versionId, slug) =>
      `${api(apiId)}${encodeSegment(versionId)}/tags/${encodeSegment(slug)}/`,
    schemasPage: (apiId, versionId, part) =>
      `${api(apiId)}${encodeSegment(versionId)}/schemas/${part === undefined ? '' : `${encodeSegment(part)}/`}`,
    guide: (apiId, slug) => `${api(apiId)}guides/${encodeSegment(slug)}/`,
    bundledDocument: (apiId, versionId) =>
      `${apiFiles(apiId)}${encodeSegment(versionId)}/openapi.json`,
    consoleDocument: (apiId, versionId) =>
      `${apiFiles(apiId)}${encodeSegment(versionId)}/console.json`,
    sourceFile: (apiId, versionId, file) =>
      `${apiFiles(apiId)}${encodeSegment(versionId)}/source/${file.split('/').map(encodeSegment).join('/')}`,
    asset: (path) => `${files}${path.replace(/^\/+/, '')}`,
  };
}

/** `preview/x` → `/preview/x/`; the one place a base path is normalised for links. */
export function toBasePath(base: string): string {
  return `/${base}/`.replace(/\/{2,}/g, '/');
}

/**
 * The sandbox base URL of one API version, as the gateway routes it. A path-only `sandboxUrl`
 * (a branch preview's `/<slug>/_sandbox`) stays a path, so the browser calls the portal's origin.
 */
export function toSandboxUrl(sandboxUrl: string, apiId: string, versionId: string): string {
  return `${sandboxUrl.replace(/\/+$/, '')}/${encodeSegment(apiId)}/${encodeSegment(versionId)}`;
}

// Segments come from folder and file names owners choose: escaping keeps an odd name from
// breaking out of its segment.
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment);
}
