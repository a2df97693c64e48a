import type { Localized } from '../sandbox-languages.ts';

/** One kind of refusal: what it means, its status, and what the partner can do about it. */
export interface ProblemType {
  /** URL segment under `/problems/`. */
  slug: string;
  /** HTTP status answered. */
  status: number;
  /** Short, constant summary (RFC 9457 `title`), in each language. */
  title: Localized;
  /** When it happens and how to get past it, for the portal's page of problem types. */
  description: Localized;
}

/** One problem type of the catalog; the files beside this one hold them by status class. */
export function defineProblem(
  slug: string,
  status: number,
  title: Localized,
  description: Localized,
): ProblemType {
  return { slug, status, title, description };
}
