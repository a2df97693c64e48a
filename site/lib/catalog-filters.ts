import type { Catalog, CatalogApi } from '../../catalog/index.ts';
import { lifecycles, visibilities } from '../../catalog/index.ts';
import type { CardFacets, FilterField } from '../scripts/catalog-filter-state.ts';

/** One choice of a filter. */
export interface FilterOption {
  value: string;
  /** APIs that carry this value. */
  count: number;
}

/** The filters the catalog page offers, each with the values the catalog actually holds. */
export type FilterOptions = Record<FilterField, FilterOption[]>;

/**
 * Lists filter values from the catalog: tags and owners alphabetically, lifecycles and
 * visibilities in their natural order. A value no API carries is not offered.
 */
export function listFilterOptions(catalog: Catalog): FilterOptions {
  const count = (values: string[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };
  const tags = count(catalog.apis.flatMap((api) => api.tags));
  const owners = count(catalog.apis.map((api) => api.owner.team));
  const lifecycleCounts = count(catalog.apis.map((api) => api.lifecycle));
  const visibilityCounts = count(catalog.apis.map((api) => api.visibility));
  const sorted = (counts: Map<string, number>): FilterOption[] =>
    [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'fr'))
      .map(([value, total]) => ({ value, count: total }));
  const ordered = (order: readonly string[], counts: Map<string, number>): FilterOption[] =>
    order.flatMap((value) => {
      const total = counts.get(value);
      return total === undefined ? [] : [{ value, count: total }];
    });
  return {
    tag: sorted(tags),
    owner: sorted(owners),
    lifecycle: ordered(lifecycles, lifecycleCounts),
    visibility: ordered(visibilities, visibilityCounts),
  };
}

/** What a catalog card says about its API, for the filter script. */
export function toCardFacets(api: CatalogApi): CardFacets {
  return {
    tag: api.tags,
    owner: [api.owner.team],
    lifecycle: [api.lifecycle],
    visibility: [api.visibility],
  };
}
