import { dropSearchWords } from './search-words.ts';

/**
 * Pure helpers of the search page: the shapes of Pagefind's answers the page uses, and how
 * they become what the page shows. Kept apart from the DOM so they can be tested in Node.
 */

/** Where a word of the query matched: its element's weight, its score and its position. */
export interface PagefindLocation {
  weight: number;
  /** The weight and the word's likeness to the query's, as Pagefind ranks them. */
  balanced_score?: number;
  /** The word's index in the page's `content`, split on white space. */
  location?: number;
}

/** A part of a page Pagefind matched: a heading with an id and the text under it. */
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  weighted_locations?: PagefindLocation[];
}

/** What `result.data()` returns, as far as the page uses it. */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  /** The page's filters and their values (lifecycle, tag, owner, release). */
  filters?: Record<string, string[] | undefined>;
  /** The page's text as Pagefind indexed it. */
  content?: string;
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
 * nodes and `<mark>` elements itself and never injects HTML. The operations' search words,
 * indexed beside their paths, are left out.
 */
export function splitExcerpt(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const piece of dropSearchWords(excerpt).split(/(<\/?mark>)/)) {
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
