/**
 * How much Markdown guichet renders from one description or one guide. The renderer (micromark,
 * then mdast-util-to-hast, rehype-raw and the sanitiser) recurses once per nesting level and
 * spends more than linear time on long runs of emphasis marks, brackets, link references and
 * table cells: 5 KB of `>` overflowed its stack, 100 KB of `*a` took 90 s and 700 MB, and a
 * 1.8 MB table ran V8 out of memory. Every bound sits far above what real documents hold,
 * measured on the 122 OpenAPI documents guichet is tried on (106,009 descriptions), on this
 * repository's `apis/` and on the 739 README files of its dependencies (as stand-ins for long
 * guides); the figures are the largest found, text and code blocks counted alike:
 *
 * - characters: 61,367 in one description (bunq's `info`), 5,244 in a guide of `apis/`,
 *   108,434 in a README;
 * - block quotes and lists nested on one line: 4 markers, 14 columns of indentation;
 * - HTML elements left open at once: 24 in a description, 106 in a README;
 * - link reference definitions (`[name]: url`): 1 in a description, 91 in a README;
 * - emphasis marks (`*`, `_`, `~` runs): 216 in a description, 1,021 in a README; in one
 *   paragraph, 50 and 421;
 * - square brackets: 60 in a description, 1,646 in a README; in one paragraph, 60 and 768;
 * - table cells: a few hundred (30 columns at most).
 *
 * With these bounds the worst input left costs the renderer about a second.
 */
export const markdownLimits = {
  /** Characters of one description (`description` of any OpenAPI object). */
  descriptionChars: 512 * 1024,
  /** Characters of one guide (`guides/*.md`). */
  guideChars: 1024 * 1024,
  /** Block quotes and list items open at once on one line, indentation counted in. */
  containerDepth: 32,
  /** HTML elements open at once (raw HTML is parsed as one tree). */
  htmlDepth: 256,
  /** Nodes nested in the parsed Markdown tree (emphasis inside emphasis, links in quotes…). */
  treeDepth: 128,
  /** Link reference definitions (`[name]: https://…`). */
  linkDefinitions: 1_000,
  /** Runs of emphasis marks (`*`, `_`, `~`) in all. */
  emphasisRuns: 5_000,
  /**
   * Runs of emphasis marks in one paragraph (lines between blank lines), where the parser
   * pairs them: its time grows with the square of what is left open (2,500 nested levels: 16 s).
   */
  paragraphEmphasisRuns: 1_000,
  /** Square brackets, `[` and `]` (links, images, footnotes), in all. */
  brackets: 5_000,
  /** Square brackets in one paragraph, for the same reason (1,250 nested images: 7 s). */
  paragraphBrackets: 1_000,
  /** Table cells, counted as columns × rows, over every table. */
  tableCells: 20_000,
} as const;

/** Which limit on characters applies: a description's or a guide's. */
export type MarkdownKind = 'description' | 'guide';
