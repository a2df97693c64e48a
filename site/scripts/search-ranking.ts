/**
 * How the search page orders what Pagefind found. Pagefind ranks pages by how often the query's
 * words occur, weighted and against the page's length, so a long section full of "de", "la",
 * "entreprise" outranks the operation whose summary is exactly the query, and an older version
 * (a shorter page) outranks the current one. Once a batch of results is loaded, its data says
 * which sections hold what: exact matches are put first, then each query word's best match in
 * a section, then the current version. Pure, tested in Node.
 */
import type { PagefindResultData, PagefindSubResult } from './search-results.ts';
import { toSearchKey } from './search-key.ts';
import { isPathQuery, toPathSearchWord } from './search-words.ts';

/** How exactly a section (or a page) answers the query; the higher the better. */
const Exactness = {
  /** Matches some of the query's words. */
  Words: 0,
  /** Holds the one-word query as a whole word: a path, an operationId, a schema's name. */
  Word: 1,
  /**
   * Its title is the query (an operation's summary, a schema's or a guide's title), or its
   * operation's path is the pasted path.
   */
  Title: 2,
} as const;

type Exactness = (typeof Exactness)[keyof typeof Exactness];

/** The filter a version page carries when a newer version of its API is the current one. */
export const olderReleaseFilter = { name: 'release', older: 'older', current: 'current' } as const;

/** A word or title without the punctuation around it (Pagefind ends headings with "."). */
function toBareKey(text: string): string {
  return toSearchKey(text).replace(/^[\s"'«»(.,;:!?]+|[\s"'«»).,;:!?]+$/g, '');
}

function toTerms(query: string): string[] {
  return toSearchKey(query)
    .split(' ')
    .map(toBareKey)
    .filter((term) => term !== '');
}

/** A result page as the search page shows it: its data and the sections it links to. */
export interface RankedResult<T extends PagefindResultData> {
  data: T;
  /** Its sections with an anchor, best first, at most `limit`. */
  sections: PagefindSubResult[];
}

/**
 * A loaded batch of results in the order to show them, each with the sections to link, best
 * first. As the page links to sections, pages rank by their best section — an exact match
 * first, then the best score — then a current version before an older one that scores the
 * same, then as Pagefind ranked them.
 */
export function rankResults<T extends PagefindResultData>(
  batch: readonly T[],
  query: string,
  limit = 5,
): RankedResult<T>[] {
  const terms = toTerms(query);
  const queryKey = toBareKey(query);
  // A pasted path is also indexed as one word beside each operation's path (search-words.ts).
  const pathWord = isPathQuery(query) ? toBareKey(toPathSearchWord(query.trim())) : undefined;
  return batch
    .map((data, index) => {
      const words = data.content?.split(/\s+/) ?? [];
      const weighed = data.sub_results.map((sub, order) => ({
        sub,
        order,
        ...weighSection(sub, words, terms, queryKey, pathWord),
      }));
      const titled =
        data.meta.title !== undefined && toBareKey(data.meta.title) === queryKey
          ? Exactness.Title
          : Exactness.Words;
      const exactness = Math.max(titled, ...weighed.map((section) => section.exactness));
      const score = Math.max(0, ...weighed.map((section) => section.score));
      const older = data.filters?.[olderReleaseFilter.name]?.includes(olderReleaseFilter.older);
      const sections = weighed
        .filter(({ sub }) => sub.url.includes('#'))
        .sort((a, b) => b.exactness - a.exactness || b.score - a.score || a.order - b.order)
        .slice(0, limit)
        .map(({ sub }) => sub);
      return { data, sections, index, exactness, score, older: older ? 1 : 0 };
    })
    .sort(
      (a, b) =>
        b.exactness - a.exactness || b.score - a.score || a.older - b.older || a.index - b.index,
    )
    .map(({ data, sections }) => ({ data, sections }));
}

/**
 * A section's exactness and score: each query word counts once, at its best match in the
 * section (Pagefind's balanced score: the element's weight, squared, and how close the word is),
 * so a heading holding every word beats a long section repeating one of them.
 */
function weighSection(
  sub: PagefindSubResult,
  words: readonly string[],
  terms: readonly string[],
  queryKey: string,
  pathWord: string | undefined,
): { exactness: Exactness; score: number } {
  const best = new Map<number, number>();
  let wholeWord = false;
  let pathHeld = false;
  for (const location of sub.weighted_locations ?? []) {
    const word = toBareKey(words[location.location ?? -1] ?? '');
    if (terms.length === 1 && word === terms[0]) wholeWord = true;
    if (pathWord !== undefined && word === pathWord) pathHeld = true;
    const term = findTerm(word, terms);
    const score = location.balanced_score ?? location.weight;
    best.set(term, Math.max(best.get(term) ?? 0, score));
  }
  const score = [...best.values()].reduce((sum, value) => sum + value, 0);
  const exactness =
    toBareKey(sub.title) === queryKey || pathHeld
      ? Exactness.Title
      : wholeWord
        ? Exactness.Word
        : Exactness.Words;
  return { exactness, score };
}

/**
 * Which query word a matched word stands for: the one it is, starts with, or has a part starting
 * with ("d'une" for "une"); else, as Pagefind also matches stems, the one sharing its longest
 * start.
 */
function findTerm(word: string, terms: readonly string[]): number {
  let chosen = 0;
  let chosenFit = -1;
  terms.forEach((term, index) => {
    const parts = word.split(/[^\p{L}\p{N}]+/u);
    const fit =
      word === term
        ? 1_000_000
        : word.startsWith(term)
          ? 100_000 + term.length
          : parts.some((part) => part.startsWith(term))
            ? 10_000 + term.length
            : sharedStart(word, term);
    if (fit > chosenFit) {
      chosen = index;
      chosenFit = fit;
    }
  });
  return chosen;
}

function sharedStart(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
  return length;
}
