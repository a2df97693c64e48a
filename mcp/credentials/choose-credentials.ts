import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CredentialNeed, OperationCredentials } from '../../catalog/sandbox-credentials.ts';
import type { SandboxLanguage } from '../../catalog/sandbox-languages.ts';
import { toCode } from '../../catalog/markdown-twin/markdown-text.ts';
import { toProblemResult } from '../tool-result.ts';
import { listPassed, type CredentialArguments } from './credential-arguments.ts';
import { credentialWords } from './credential-words.ts';
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
      problem: toProblemResult(
        'invalidRequest',
        { en: credentialWords.en.pairs, fr: credentialWords.fr.pairs },
        context.language,
        { errors },
      ),
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
  const keysOnly = credentials.alternatives.every((alternative) =>
    alternative.every((credential) => toSentNeed(credential.need).kind === 'key'),
  );
  const toDetail = (language: SandboxLanguage): string => {
    const words = credentialWords[language];
    const ways = describeAlternatives(credentials, { ...context, language });
    return [
      words.needs(context.operation, ways),
      names.length === 0 ? words.nonePassed : words.passedOthers(names.map(toCode).join(', ')),
      credentials.anonymous ? words.mayBeAnonymous : '',
      words.nothingSent,
    ]
      .filter(Boolean)
      .join(' ');
  };
  return {
    ok: false,
    problem: toProblemResult(
      keysOnly ? 'missingKey' : 'missingCredentials',
      { en: toDetail('en'), fr: toDetail('fr') },
      context.language,
      { needs: toNeedsData(credentials) },
    ),
  };

  function toArguments(need: CredentialNeed): string[] {
    if (need.kind === 'key') return ['apiKey'];
    if (need.kind === 'token') {
      return passed.bearerToken !== undefined ? ['bearerToken'] : ['clientId', 'clientSecret'];
    }
    return passed.username !== undefined ? ['username', 'password'] : ['clientId', 'clientSecret'];
  }
}
