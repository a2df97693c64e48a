/** What a partner types into the search box, by kind; the order the bench prints them in. */
export const queryKinds = [
  'summary',
  'operationId',
  'path',
  'schema',
  'without accents',
  'partial word',
  'guide',
] as const;

export type QueryKind = (typeof queryKinds)[number];

/** One query and the links that count as landing right. */
export interface SearchCase {
  kind: QueryKind;
  query: string;
  /** Links (path and fragment) any of which is the right landing. */
  expected: string[];
  /**
   * Operations of other APIs the query names just as exactly (the same summary, operationId or
   * path): landing there is not wrong, the query cannot tell them apart.
   */
  equivalents?: string[];
  /** Where the query should land, for the list of misses. */
  target: string;
}
