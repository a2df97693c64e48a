import type { Catalog, CatalogApi } from '../../catalog/index.ts';

/** The portal's size at a glance. */
export interface CatalogStats {
  apis: number;
  versions: number;
  /** Operations of current versions (webhooks excluded). */
  operations: number;
  owners: number;
}

/** Counts what the home page announces. */
export function toCatalogStats(catalog: Catalog): CatalogStats {
  let operations = 0;
  for (const api of catalog.apis) {
    const current = api.versions.find((version) => version.id === api.currentVersionId);
    operations += current?.operations.filter((item) => item.kind === 'operation').length ?? 0;
  }
  return {
    apis: catalog.apis.length,
    versions: catalog.apis.reduce((total, api) => total + api.versions.length, 0),
    operations,
    owners: new Set(catalog.apis.map((api) => api.owner.team)).size,
  };
}

const lifecycleRank: Readonly<Record<CatalogApi['lifecycle'], number>> = {
  stable: 0,
  beta: 1,
  draft: 2,
  deprecated: 3,
  retired: 4,
};

/**
 * APIs the home page puts forward: usable ones first (stable, then beta), then those with the
 * most guides, since a guide is the easiest way in. The catalog has no dates to rank by.
 */
export function pickFeaturedApis(catalog: Catalog, count = 6): CatalogApi[] {
  return [...catalog.apis]
    .sort(
      (a, b) =>
        lifecycleRank[a.lifecycle] - lifecycleRank[b.lifecycle] ||
        b.guides.length - a.guides.length ||
        a.title.localeCompare(b.title, 'fr'),
    )
    .slice(0, count);
}
