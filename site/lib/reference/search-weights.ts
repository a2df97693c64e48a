/**
 * How much Pagefind weighs what partners search for most, whatever heading level a page gives it
 * (an operation is an h3 on a flat page, an h4 under its tag): body text weighs 1, a page's title
 * (h1) 7, a guide's sections (h2) 6. An operation's summary weighs as much as a page's title:
 * on a reference page each operation is what a result lands on. Then its path and operationId,
 * which partners paste whole, and a schema's name; a path mentioned in a description weighs 1.
 */
export const searchWeights = {
  operationSummary: 7,
  operationPath: 5,
  operationId: 5,
  schemaName: 5,
} as const;
