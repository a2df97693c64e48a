import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { SandboxLanguage } from '../../catalog/sandbox-languages.ts';
import { toCode } from '../../catalog/markdown-twin/markdown-text.ts';
import {
  placeCredentials,
  sandboxTokenPath,
  type CredentialFields,
  type CredentialNeed,
} from '../../catalog/sandbox-credentials.ts';
import { toProblemResult } from '../tool-result.ts';
import { toSandboxAnswer } from '../tools/sandbox-request.ts';
import type { CredentialArguments } from './credential-arguments.ts';
import { credentialWords } from './credential-words.ts';
import { toKeyPlace } from './describe-credentials.ts';
import type { Redactor } from './redact-credentials.ts';
import { requestSandboxToken } from './request-sandbox-token.ts';

/** Where the credentials go in the call, and what the answer says was sent (no value). */
export type Authentication =
  { ok: true; fields: CredentialFields; sent: string[] } | { ok: false; result: CallToolResult };

/**
 * Turns the chosen needs into request fields: the key as given, a bearer token as given or
 * one the sandbox's token endpoint issues now for the client id and secret (with the needs'
 * scopes), basic credentials from the username and password or the client. A token obtained
 * here joins the redactor and is dropped with the call.
 */
export async function authenticateCall(
  needs: readonly CredentialNeed[],
  passed: CredentialArguments,
  sandbox: { sandboxUrl: string; language: SandboxLanguage },
  redactor: Redactor,
): Promise<Authentication> {
  const { sandboxUrl, language } = sandbox;
  const words = credentialWords[language];
  let token = passed.bearerToken;
  const sent: string[] = [];
  for (const need of needs) {
    if (need.kind === 'key') sent.push(words.sentKey(toKeyPlace(need, language)));
    else if (need.kind === 'client') {
      sent.push(words.sentBasic(passed.username !== undefined));
    } else if (token !== undefined && passed.bearerToken !== undefined) {
      sent.push(words.sentToken);
    } else {
      const withScopes = words.withScope(need.scopes.map(toCode).join(' '));
      if (token === undefined) {
        const outcome = await requestSandboxToken(
          sandboxUrl,
          passed.clientId ?? '',
          passed.clientSecret ?? '',
          need.scopes,
        );
        if (outcome.kind === 'unreachable') {
          return {
            ok: false,
            result: toProblemResult(
              'upstreamUnavailable',
              {
                en: `The sandbox's token endpoint (POST ${sandboxTokenPath}) could not be reached: is \`npm run sandbox\` running?`,
                fr: `Le point d’accès des jetons du bac à sable (POST ${sandboxTokenPath}) est injoignable : \`npm run sandbox\` tourne-t-il ?`,
              },
              language,
            ),
          };
        }
        if (outcome.kind === 'refused') {
          return {
            ok: false,
            result: toSandboxAnswer(
              outcome.refusal,
              words.tokenRefused(sandboxTokenPath, withScopes),
              { method: 'POST', path: sandboxTokenPath },
              (text) => redactor.hide(text),
            ),
          };
        }
        token = outcome.token;
        redactor.add(token);
      }
      sent.push(words.sentIssuedToken(sandboxTokenPath, withScopes));
    }
  }
  const basic =
    passed.username === undefined
      ? { clientId: passed.clientId ?? '', clientSecret: passed.clientSecret ?? '' }
      : { clientId: passed.username, clientSecret: passed.password ?? '' };
  const fields = placeCredentials(
    { key: passed.apiKey ?? '', token: token ?? '', ...basic },
    needs,
  );
  return { ok: true, fields, sent };
}
