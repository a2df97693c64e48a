import type { CatalogApi, CatalogVersion } from '../../../catalog/index.ts';
import { createUrls } from '../urls.ts';
import type { ReferencePlan } from './plan-pages.ts';

/** Where each part of a version's reference lives, from any of its pages. */
export interface ReferenceLinks {
  /** The version's own page: the API page for the current version. */
  versionPage: string;
  /** An operation's anchor, on its tag page when the API is split. */
  operation: (anchor: string) => string;
  /** A component schema's section. */
  schema: (anchor: string) => string;
  /** A security scheme's section, on the version page. */
  scheme: (anchor: string) => string;
  /** A tag group: its page when split, its heading otherwise. */
  group: (anchor: string, slug: string | undefined) => string;
}

/**
 * Links for a page of the reference. `onVersionPage` says whether the page is the version's
 * own page, where anchors of an unsplit API resolve without a path.
 */
export function createReferenceLinks(
  base: string,
  api: CatalogApi,
  version: CatalogVersion,
  plan: ReferencePlan,
  onVersionPage: boolean,
): ReferenceLinks {
  const urls = createUrls(base);
  const versionPage = urls.version(api.id, version.id, api.currentVersionId);
  const local = (anchor: string): string =>
    onVersionPage ? `#${encodeURIComponent(anchor)}` : urls.operation(versionPage, anchor);
  const schemaPageOf = new Map<string, string | undefined>();
  for (const page of plan.schemaPages) {
    for (const schema of page.schemas) schemaPageOf.set(schema.anchor, page.part);
  }
  return {
    versionPage,
    operation: (anchor) => {
      const slug = plan.pageOf.get(anchor);
      return slug === undefined
        ? local(anchor)
        : urls.operation(urls.tagPage(api.id, version.id, slug), anchor);
    },
    schema: (anchor) => {
      if (!plan.split) return local(anchor);
      return urls.operation(urls.schemasPage(api.id, version.id, schemaPageOf.get(anchor)), anchor);
    },
    scheme: local,
    group: (anchor, slug) => {
      return slug === undefined ? local(anchor) : urls.tagPage(api.id, version.id, slug);
    },
  };
}
