import type { CatalogApi, CatalogVersion } from '../../../catalog/index.ts';
import { listApiVersions } from '../catalog-data.ts';
import { getVersionPages } from './get-reference.ts';
import type { GroupPage, SchemaPage } from './plan-pages.ts';

/** Props of a page of a split API's reference. */
export type GroupPageEntry = { api: CatalogApi; version: CatalogVersion; page: GroupPage };
export type SchemaPageEntry = { api: CatalogApi; version: CatalogVersion; page: SchemaPage };

/** Static paths of every tag page (`/apis/<api>/<version>/tags/<slug>/`) of split APIs. */
export async function listGroupPaths(): Promise<
  { params: { api: string; version: string; tag: string }; props: GroupPageEntry }[]
> {
  const entries = await listApiVersions();
  return entries.flatMap(({ api, version }) =>
    getVersionPages(version).plan.pages.map((page) => ({
      params: { api: api.id, version: version.id, tag: page.slug },
      props: { api, version, page },
    })),
  );
}

/** Static paths of every schemas page (`/apis/<api>/<version>/schemas/[<n>/]`) of split APIs. */
export async function listSchemaPaths(): Promise<
  { params: { api: string; version: string; part: string | undefined }; props: SchemaPageEntry }[]
> {
  const entries = await listApiVersions();
  return entries.flatMap(({ api, version }) =>
    getVersionPages(version).plan.schemaPages.map((page) => ({
      params: { api: api.id, version: version.id, part: page.part },
      props: { api, version, page },
    })),
  );
}
