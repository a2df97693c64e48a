import type { Catalog, Lifecycle, ResolvedPlan, Visibility } from '../../catalog/index.ts';
import { createUrls, toSandboxUrl } from './urls.ts';

/**
 * `/catalog.json`: the portal's machine-readable index, one entry per API version. Other tools
 * (link checkers, preview bots, the sandbox's admin pages) read it, so its shape only grows:
 * fields are added, never renamed or removed, without bumping `formatVersion`.
 *
 * URLs are paths from the portal's origin and include its base path (`/preview/x/apis/…`);
 * `sandboxUrl` is absolute, or such a path when the sandbox is served on the portal's origin
 * (a branch preview's `/<slug>/_sandbox/…`).
 */
export interface CatalogJson {
  /** Bumped only when a field changes meaning or disappears. */
  formatVersion: 1;
  /** Who the portal was built for; restricted APIs appear only in portals for their audience. */
  audience: Visibility;
  /** The portal's base path (`/` or `/preview/my-branch/`). */
  base: string;
  /** Every version of every API the portal shows, APIs by title, versions newest first. */
  versions: CatalogJsonVersion[];
}

/** One API version in `/catalog.json`. */
export interface CatalogJsonVersion {
  /** The API's id (its folder under `apis/`). */
  id: string;
  /** The version's id, its URL segment (`v2`). */
  version: string;
  /** `info.version` as the document writes it. */
  versionLabel: string;
  /** True for the version partners should use. */
  current: boolean;
  title: string;
  summary: string;
  owner: { team: string; email?: string };
  lifecycle: Lifecycle;
  deprecatedSince?: string;
  /** Date (YYYY-MM-DD) the version stops answering. */
  sunset?: string;
  visibility: Visibility;
  tags: string[];
  /** The version's page (the API's page for the current version). */
  pageUrl: string;
  /** The interactive console for this version. */
  referenceUrl: string;
  documents: {
    /** The document with every file joined in, as JSON. */
    bundled: string;
    /** The entry document as written by the owner. */
    original: string;
    /** Every file of the document, entry first, at their paths inside the API folder. */
    files: string[];
  };
  /** Where the sandbox answers for this version. */
  sandboxUrl: string;
  /** Operations (webhooks excluded). */
  operationCount: number;
  webhookCount: number;
  /** Sandbox quotas by plan. */
  plans: ResolvedPlan[];
}

/** Builds `/catalog.json` from the catalog, for a portal under `base` and a sandbox at `sandboxUrl`. */
export function toCatalogJson(catalog: Catalog, base: string, sandboxUrl: string): CatalogJson {
  const urls = createUrls(base);
  const versions = catalog.apis.flatMap((api) =>
    api.versions.map((version): CatalogJsonVersion => {
      const files = version.files.map((file) => urls.sourceFile(api.id, version.id, file));
      return {
        id: api.id,
        version: version.id,
        versionLabel: version.label,
        current: version.id === api.currentVersionId,
        title: api.title,
        summary: api.summary,
        owner: {
          team: api.owner.team,
          ...(api.owner.email === undefined ? {} : { email: api.owner.email }),
        },
        lifecycle: version.lifecycle,
        ...(version.deprecatedSince === undefined
          ? {}
          : { deprecatedSince: version.deprecatedSince }),
        ...(version.sunset === undefined ? {} : { sunset: version.sunset }),
        visibility: api.visibility,
        tags: api.tags,
        pageUrl: urls.version(api.id, version.id, api.currentVersionId),
        referenceUrl: urls.reference(api.id, version.id),
        documents: {
          bundled: urls.bundledDocument(api.id, version.id),
          original: urls.sourceFile(api.id, version.id, version.entryFile),
          files,
        },
        sandboxUrl: toSandboxUrl(sandboxUrl, api.id, version.id),
        operationCount: version.operations.filter((operation) => operation.kind === 'operation')
          .length,
        webhookCount: version.operations.filter((operation) => operation.kind === 'webhook').length,
        plans: api.plans,
      };
    }),
  );
  return { formatVersion: 1, audience: catalog.audience, base: urls.home, versions };
}
