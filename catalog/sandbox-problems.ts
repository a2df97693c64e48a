/**
 * Every refusal the sandbox can answer (gateway, mock server, previews proxy) in one place, as
 * RFC 9457 `application/problem+json` whose `type` is `/problems/<slug>`: the portal's problems
 * pages list them, and the gateway redirects such a `type` to its page. It lives here because
 * the site and both servers read it and may import nothing else in common. Each type carries
 * its title and description in every language of the sandbox (`Localized`): leaving one out
 * fails `npm run check`, and the `type` and `status` never change with the language. The types
 * themselves are in `problem-types/`, one file per status class; this file joins them and
 * builds the bodies.
 */
import { accessProblems } from './problem-types/access-problems.ts';
import { limitProblems } from './problem-types/limit-problems.ts';
import type { ProblemType } from './problem-types/problem-type.ts';
import { requestProblems } from './problem-types/request-problems.ts';
import { serverProblems } from './problem-types/server-problems.ts';
import { targetProblems } from './problem-types/target-problems.ts';
import type { Localized, SandboxLanguage } from './sandbox-languages.ts';

export { sandboxLanguages, type Localized, type SandboxLanguage } from './sandbox-languages.ts';
export type { ProblemType } from './problem-types/problem-type.ts';

/**
 * The sandbox's problem types by name, in status order (each file holds one class, in order).
 * A name given in two files would keep the later one: the unit test of problem types counts
 * them file by file.
 */
export const problemTypes = {
  ...requestProblems,
  ...accessProblems,
  ...targetProblems,
  ...limitProblems,
  ...serverProblems,
} as const satisfies Record<string, ProblemType>;

/** The name of a problem type in `problemTypes`. */
export type ProblemName = keyof typeof problemTypes;

/** The media type of every refusal the sandbox sends. */
export const problemMediaType = 'application/problem+json';

/** The `type` member of a problem: a URI relative to the portal. */
export function toProblemTypeUri(problem: ProblemType): string {
  return `/problems/${problem.slug}`;
}

/** Every problem type with its `type` URI, in status order: what the portal's page lists. */
export const problemTypeList: readonly (ProblemType & { type: string })[] = Object.values(
  problemTypes,
).map((problem) => ({ ...problem, type: toProblemTypeUri(problem) }));

/** An RFC 9457 problem as the sandbox serialises it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request id, so a partner can quote it to the support and one id follows a call. */
  instance: string;
  [extension: string]: unknown;
}

/**
 * Builds the body of a problem of a catalogued type in `language`: the title is the catalog's,
 * the detail the occurrence's; extensions follow RFC 9457 §3.2 and never change with the
 * language.
 */
export function toProblemBody(
  name: ProblemName,
  detail: Localized,
  requestId: string,
  language: SandboxLanguage,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  const problem: ProblemType = problemTypes[name];
  return {
    type: toProblemTypeUri(problem),
    title: problem.title[language],
    status: problem.status,
    detail: detail[language],
    instance: requestId,
    ...extensions,
  };
}
