/**
 * The catalog's filters as a value: read from and written to the query string, so a filtered
 * catalog can be bookmarked and shared, and matched against the facets each card carries.
 * Pure, so the page script stays a thin layer over it.
 */

/** Fields of the filter form, in the order of the form. */
export const filterFields = ['tag', 'owner', 'lifecycle', 'visibility'] as const;

/** One field of the filter form. */
export type FilterField = (typeof filterFields)[number];

/** Chosen values per field; an empty list means "any". */
export type FilterState = Record<FilterField, string[]>;

/** What a card says about its API, from its `data-*` attributes. */
export type CardFacets = Record<FilterField, string[]>;

/** Reads the state from a query string (`?tag=a&tag=b&owner=x`); unknown fields are ignored. */
export function parseFilterState(search: string | URLSearchParams): FilterState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const state = createEmptyState();
  for (const field of filterFields) {
    state[field] = [...new Set(params.getAll(field).filter((value) => value !== ''))];
  }
  return state;
}

/** Writes the state as a query string with a leading `?`, or `''` when nothing is chosen. */
export function toQueryString(state: FilterState): string {
  const params = new URLSearchParams();
  for (const field of filterFields) {
    for (const value of state[field]) params.append(field, value);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/** True when a card matches: within a field any chosen value will do; every field must match. */
export function matchesFilters(card: CardFacets, state: FilterState): boolean {
  return filterFields.every((field) => {
    const chosen = state[field];
    return chosen.length === 0 || chosen.some((value) => card[field].includes(value));
  });
}

/** True when no filter is chosen. */
export function isEmptyState(state: FilterState): boolean {
  return filterFields.every((field) => state[field].length === 0);
}

/** A state with nothing chosen. */
export function createEmptyState(): FilterState {
  return { tag: [], owner: [], lifecycle: [], visibility: [] };
}
