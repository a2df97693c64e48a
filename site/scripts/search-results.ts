/**
 * Pure helpers of the search page: the shapes of Pagefind's answers the page uses, and how
 * they become what the page shows. Kept apart from the DOM so they can be tested in Node.
 */

/** A part of a page Pagefind matched: a heading with an id and the text under it. */
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  weighted_locations?: { weight: number }[];
}

/** What `result.data()` returns, as far as the page uses it. */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results: PagefindSubResult[];
}

/** A piece of an excerpt: plain text, or a matched word Pagefind wrapped in `<mark>`. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

/** Filters the search page offers, in the order it shows them. */
export const searchFilterNames = ['lifecycle', 'tag', 'owner'] as const;

/** The search page's state, as in its query string. */
export interface SearchState {
  query: string;
  filters: Partial<Record<(typeof searchFilterNames)[number], string>>;
}

/** Reads `?q=…&tag=…` into a state. */
export function parseSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters: SearchState['filters'] = {};
  for (const name of searchFilterNames) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return { query: (params.get('q') ?? '').trim(), filters };
}

/** Writes a state back as a query string (`?q=…`), or `''` when empty. */
export function toSearchQueryString(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query !== '') params.set('q', state.query);
  for (const name of searchFilterNames) {
    const value = state.filters[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Splits a Pagefind excerpt on its `<mark>` tags, decoding entities, so the page builds text
 * nodes and `<mark>` elements itself and never injects HTML.
 */
export function splitExcerpt(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const piece of excerpt.split(/(<\/?mark>)/)) {
    if (piece === '<mark>') {
      marked = true;
      continue;
    }
    if (piece === '</mark>') {
      marked = false;
      continue;
    }
    const text = decodeEntities(piece.replace(/<[^>]*>/g, ''));
    if (text !== '') parts.push({ text, marked });
  }
  return parts;
}

/**
 * The sections of a page worth linking to, best first: only those with an anchor (the page
 * itself is the result's own link), ranked by how strongly they matched, then page order.
 */
export function pickSubResults(data: PagefindResultData, limit = 5): PagefindSubResult[] {
  const score = (sub: PagefindSubResult): number =>
    (sub.weighted_locations ?? []).reduce((total, location) => total + location.weight, 0);
  return data.sub_results
    .map((sub, index) => ({ sub, index, score: score(sub) }))
    .filter(({ sub }) => sub.url.includes('#'))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map(({ sub }) => sub);
}

const entities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(
    /&(#?[a-z0-9]+);/gi,
    (whole, name: string) => entities[name.toLowerCase()] ?? whole,
  );
}
