import type { ProblemType, SandboxLanguage } from '../../catalog/sandbox-problems.ts';
import type { Messages } from '../i18n/fr.ts';

/**
 * How the portal presents the sandbox's problem types (`catalog/sandbox-problems.ts`): grouped
 * by status on `/problems/`, and one page each saying when the problem happens and what to do.
 * The catalog holds one description per type and language; the portal reads its first sentence
 * as the cause and the rest as the advice, so owners of the gateway keep writing a single text.
 */

/** A problem type as the catalog lists it: with its `type` URI. */
export type ListedProblem = ProblemType & { type: string };

/** Problem types sharing one HTTP status, for the list page. */
export interface ProblemGroup {
  status: number;
  /** `404 Not Found`. */
  label: string;
  problems: ListedProblem[];
}

/** Reason phrases of the statuses the sandbox answers (RFC 9110, RFC 6585, RFC 4918 for 507). */
const reasonPhrases: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  507: 'Insufficient Storage',
};

/** `429` → `429 Too Many Requests`; an unlisted status reads alone. */
export function toStatusLabel(status: number): string {
  const phrase = reasonPhrases[status];
  return phrase === undefined ? String(status) : `${String(status)} ${phrase}`;
}

/** Groups problem types by status, statuses ascending, types in catalog order within each. */
export function groupProblemsByStatus(problems: readonly ListedProblem[]): ProblemGroup[] {
  const groups = new Map<number, ListedProblem[]>();
  for (const problem of problems) {
    const group = groups.get(problem.status);
    if (group) group.push(problem);
    else groups.set(problem.status, [problem]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, members]) => ({ status, label: toStatusLabel(status), problems: members }));
}

/** A description split into when the problem happens and what the partner can do about it. */
export interface ProblemAdvice {
  cause: string;
  /** The catalog's own advice, else a general one for the status. */
  remedy: string;
}

/** The general remedies of the page's dictionary (`problems` in `site/i18n/`). */
export type RemedyMessages = Pick<
  Messages['problems'],
  'remedies' | 'remedyInvalid' | 'remedyServer' | 'remedyOther'
>;

/**
 * Splits a description, in `language`, after its first sentence. A sentence ends with a full
 * stop followed by a capital (accented ones too), so `HTTP/1.1.` and `e.g. approving` do not
 * cut it short.
 */
export function toProblemAdvice(
  problem: Pick<ProblemType, 'status' | 'description'>,
  language: SandboxLanguage,
  messages: RemedyMessages,
): ProblemAdvice {
  const text = problem.description[language].trim();
  const end = /[.!?](?=\s+[\p{Lu}`])/u.exec(text);
  if (!end) return { cause: text, remedy: toGeneralRemedy(problem.status, messages) };
  const cause = text.slice(0, end.index + 1);
  const remedy = text.slice(end.index + 1).trim();
  return {
    cause,
    remedy: remedy === '' ? toGeneralRemedy(problem.status, messages) : remedy,
  };
}

function toGeneralRemedy(status: number, messages: RemedyMessages): string {
  const remedy = messages.remedies[status];
  if (remedy !== undefined) return remedy;
  if (status === 400 || status === 422) return messages.remedyInvalid;
  if (status >= 500) return messages.remedyServer;
  return messages.remedyOther;
}
