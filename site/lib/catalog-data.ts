import { snapshotPath } from 'virtual:guichet/settings';
import { readSnapshot } from '../../catalog/snapshot.ts';
import type { Catalog, CatalogApi, CatalogVersion } from '../../catalog/index.ts';

let pending: Promise<Catalog> | undefined;

/**
 * The catalog the build script checked and saved. Read once per process and shared by every
 * page: pages never read `apis/` themselves.
 */
export function getCatalog(): Promise<Catalog> {
  pending ??= readSnapshot(snapshotPath);
  return pending;
}

/**
 * One API with one of its versions, as most pages need them. A type rather than an interface so
 * it can be handed to Astro as page props, which must accept any string key.
 */
export type ApiVersionEntry = {
  api: CatalogApi;
  version: CatalogVersion;
  isCurrent: boolean;
};

/** Every version of every API, for pages generated per version. */
export async function listApiVersions(): Promise<ApiVersionEntry[]> {
  const catalog = await getCatalog();
  return catalog.apis.flatMap((api) =>
    api.versions.map((version) => ({
      api,
      version,
      isCurrent: version.id === api.currentVersionId,
    })),
  );
}

/** Static paths of the pages made once per API version (`/apis/<api>/<version>/…`). */
export async function listVersionPaths(): Promise<
  { params: { api: string; version: string }; props: ApiVersionEntry }[]
> {
  const entries = await listApiVersions();
  return entries.map((entry) => ({
    params: { api: entry.api.id, version: entry.version.id },
    props: entry,
  }));
}

/** The version partners should use; the catalog guarantees it exists. */
export function toCurrentVersion(api: CatalogApi): CatalogVersion {
  const current = api.versions.find((version) => version.id === api.currentVersionId);
  if (!current) throw new Error(`${api.id}: current version ${api.currentVersionId} is missing`);
  return current;
}
