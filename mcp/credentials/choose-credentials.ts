import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CredentialNeed, OperationCredentials } from '../../catalog/sandbox-credentials.ts';
import { toCode } from '../../catalog/markdown-twin/markdown-text.ts';
import { toProblemResult } from '../tool-result.ts';
import { listPassed, type CredentialArguments } from './credential-arguments.ts';
import {
  describeAlternatives,
  toNeedsData,
  toSentNeed,
  type DescribeContext,
} from './describe-credentials.ts';

/** What a call sends: the needs of the alternative the credentials meet, as call_sandbox sends them. */
export type ChosenCredentials =
  { ok: true; needs: CredentialNeed[]; unused: string[] } | { ok: false; problem: CallToolResult };

const pairs = [
  ['clientId', 'clientSecret'],
  ['username', 'password'],
] as const;

/**
 * Picks the first alternative of the operation's security that the credentials passed can
 * meet (a key for a key; a token, or a client id and secret to get one, for a token; a username
 * and password, or the client id and secret, for HTTP basic). An open operation takes none.
 * When none fits, the refusal says what the operation needs — scheme, where the key goes, the
 * scopes — and nothing is sent.
 */
export function chooseCredentials(
  credentials: OperationCredentials,
  passed: CredentialArguments,
  context: DescribeContext & { operation: string },
): ChosenCredentials {
  const errors = pairs.flatMap(([first, second]) => {
    if ((passed[first] === undefined) === (passed[second] === undefined)) return [];
    const missing = passed[first] === undefined ? first : second;
    const other = missing === first ? second : first;
    return [{ pointer: `#/${missing}`, detail: `is needed with ${other}` }];
  });
  if (errors.length > 0) {
    return {
      ok: false,
      problem: toProblemResult('invalidRequest', 'Some credentials come in pairs.', { errors }),
    };
  }
  const names = listPassed(passed);
  const hasClient = passed.clientId !== undefined;
  const meets = (need: CredentialNeed): boolean => {
    if (need.kind === 'key') return passed.apiKey !== undefined;
    if (need.kind === 'token') return passed.bearerToken !== undefined || hasClient;
    return passed.username !== undefined || hasClient;
  };
  if (credentials.alternatives.length === 0) return { ok: true, needs: [], unused: names };
  const chosen = credentials.alternatives
    .map((alternative) => alternative.map((credential) => toSentNeed(credential.need)))
    .find((needs) => needs.every(meets));
  if (chosen) {
    const used = new Set(chosen.flatMap(toArguments));
    return { ok: true, needs: chosen, unused: names.filter((name) => !used.has(name)) };
  }
  if (credentials.anonymous && names.length === 0) return { ok: true, needs: [], unused: [] };
  const ways = describeAlternatives(credentials, context);
  const keysOnly = credentials.alternatives.every((alternative) =>
    alternative.every((credential) => toSentNeed(credential.need).kind === 'key'),
  );
  const detail = [
    `${context.operation} needs ${ways.length === 1 ? '' : 'any one of: '}${ways.join('; or ')}.`,
    names.length === 0
      ? 'No credentials were passed.'
      : `You passed ${names.map(toCode).join(', ')}: not what it takes.`,
    credentials.anonymous ? 'It may also be called with no credentials at all.' : '',
    'Nothing was sent to the sandbox.',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    ok: false,
    problem: toProblemResult(keysOnly ? 'missingKey' : 'missingCredentials', detail, {
      needs: toNeedsData(credentials),
    }),
  };

  function toArguments(need: CredentialNeed): string[] {
    if (need.kind === 'key') return ['apiKey'];
    if (need.kind === 'token') {
      return passed.bearerToken !== undefined ? ['bearerToken'] : ['clientId', 'clientSecret'];
    }
    return passed.username !== undefined ? ['username', 'password'] : ['clientId', 'clientSecret'];
  }
}
