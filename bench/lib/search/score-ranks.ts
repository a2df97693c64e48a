/**
 * How well searches land: the rank of the expected page or anchor among the links the search
 * page shows, and per kind of query the top-1 and top-3 rates and the mean reciprocal rank.
 */

/** One query that was run, with the rank its expected link got. */
export interface RankedQuery {
  kind: string;
  /** 1 for the first link shown; `undefined` when the expected link was not shown at all. */
  rank: number | undefined;
  /** The rank of the expected link or of an operation elsewhere the query names as exactly. */
  rankAmongEquivalents?: number | undefined;
}

/** The rates of one kind of query (or of all of them). */
export interface RankSummary {
  kind: string;
  queries: number;
  /** Share of queries whose expected link came first, 0 to 1. */
  top1: number;
  /** Share of queries whose expected link was among the first three. */
  top3: number;
  /** Mean of 1/rank, a query whose link was not shown counting 0. */
  meanReciprocalRank: number;
  /** Share whose first link was the expected one or an equivalent elsewhere. */
  top1AmongEquivalents: number;
}

/**
 * The 1-based position of the first shown link that is one of `expected`, or `undefined`.
 * Links compare by path and fragment, percent-decoded, so `#d%C3%A9p` and `#dép` are one.
 */
export function findRank(
  shown: readonly string[],
  expected: readonly string[],
): number | undefined {
  const wanted = new Set(expected.map(toComparable));
  const index = shown.findIndex((link) => wanted.has(toComparable(link)));
  return index === -1 ? undefined : index + 1;
}

/** Per kind of query in the order kinds first appear, then `overall` over every query. */
export function summarizeRanks(queries: readonly RankedQuery[]): RankSummary[] {
  const kinds = [...new Set(queries.map((query) => query.kind))];
  return [
    ...kinds.map((kind) =>
      summarize(
        kind,
        queries.filter((query) => query.kind === kind),
      ),
    ),
    summarize('overall', queries),
  ];
}

function summarize(kind: string, queries: readonly RankedQuery[]): RankSummary {
  const count = queries.length;
  const share = (test: (rank: number) => boolean): number =>
    count === 0
      ? 0
      : queries.filter((query) => query.rank !== undefined && test(query.rank)).length / count;
  const reciprocal = queries.reduce((sum, query) => sum + (query.rank ? 1 / query.rank : 0), 0);
  const firstAmongEquivalents = queries.filter(
    (query) => (query.rankAmongEquivalents ?? query.rank) === 1,
  ).length;
  return {
    kind,
    queries: count,
    top1: share((rank) => rank === 1),
    top3: share((rank) => rank <= 3),
    meanReciprocalRank: count === 0 ? 0 : reciprocal / count,
    top1AmongEquivalents: count === 0 ? 0 : firstAmongEquivalents / count,
  };
}

function toComparable(link: string): string {
  const url = new URL(link, 'http://portal.invalid');
  return decodeURIComponent(`${url.pathname}${url.hash}`);
}
