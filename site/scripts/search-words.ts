/**
 * An operation's path and summary as words of their own in the search index. Pagefind ranks
 * pages, not operations, by how often a query's words occur: `/users` is searched as "users" and
 * "Edit a video" as three common words, so the page holding that very operation can rank below
 * ten pages repeating them and never be shown; and `/current?stations={stations}` keeps an `=`
 * the index dropped and finds nothing. Each operation's path and summary are therefore also
 * indexed as one word each (attributes Pagefind reads, `data-pagefind-index-attrs`), and the
 * search page first searches the query as those words, exactly, then as typed. Pure: the build
 * and the page share it.
 */
import { toSearchKey } from './search-key.ts';

/** The attributes of an operation's path that hold its search words. */
export const searchWordAttributes = { path: 'data-search-path', summary: 'data-search-summary' };

const prefixes = { path: 'apipath', summary: 'apisummary' } as const;

/** Search words as they appear in Pagefind's content and excerpts (it ends them with "."). */
const searchWordPattern = /(?:<mark>)?api(?:path|summary)[\p{L}\p{N}_]*(?:<\/mark>)?\.?[^\S\n]?/gu;

/** Every run of other characters than letters and digits an underscore, kept inside a word. */
function toWord(prefix: string, text: string): string {
  return `${prefix}${text.replace(/[^\p{L}\p{N}]+/gu, '_')}`;
}

/**
 * The path as one word, in lower case: `/users/{id}` is `apipath_users_id_`, the root
 * `apipath_`.
 */
export function toPathSearchWord(path: string): string {
  return toWord(prefixes.path, path.normalize('NFC').toLowerCase());
}

/**
 * A summary as one word, compared as the search compares text (no case, no accents, no
 * punctuation around it): "Réserver un créneau." is `apisummary_reserver_un_creneau`.
 */
export function toSummarySearchWord(summary: string): string {
  return toWord(prefixes.summary, `_${toSearchKey(summary)}`).replace(/_+$/, '');
}

/** A query that is a path a partner pasted: a slash first, no space. */
export function isPathQuery(query: string): boolean {
  return /^\/\S*$/.test(query.trim());
}

/**
 * The words to search exactly before the query itself: a pasted path's word, or the word of a
 * summary the query would be.
 */
export function toExactSearchWords(query: string): string[] {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  return [isPathQuery(trimmed) ? toPathSearchWord(trimmed) : toSummarySearchWord(trimmed)];
}

/** An excerpt without the search words, which are for the index, not for partners to read. */
export function dropSearchWords(excerpt: string): string {
  return excerpt.replace(searchWordPattern, '');
}
