import type { OutgoingHttpHeaders } from 'node:http';
import type { Localized, ProblemName } from '../../catalog/sandbox-problems.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendProblem } from '../http/send-response.ts';

/** The error codes of RFC 6749 §5.2 the sandbox's authorization server answers with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unsupported_grant_type';

const problemOfCode: Record<OAuthErrorCode, ProblemName> = {
  invalid_request: 'invalidTokenRequest',
  invalid_client: 'invalidClient',
  invalid_grant: 'invalidGrant',
  invalid_scope: 'invalidScope',
  unsupported_grant_type: 'unsupportedGrantType',
};

/**
 * Answers an RFC 6749 §5.2 error: its status (400, or 401 for `invalid_client`), its `error`
 * and `error_description` members, `Cache-Control: no-store` and `Pragma: no-cache` — in an RFC
 * 9457 problem from the one catalog, so the body also carries `type`, `title`, `status`,
 * `detail` and `instance` like every other refusal of the sandbox. OAuth clients read `error`;
 * the media type is `application/problem+json`, a JSON document like the one §5.2 describes.
 * The codes never change; the description follows the caller's language like `detail`.
 */
export function sendOAuthError(
  exchange: Exchange,
  error: OAuthErrorCode,
  description: Localized,
  headers: OutgoingHttpHeaders = {},
): void {
  sendProblem(exchange, problemOfCode[error], description, {
    headers: { ...headers, pragma: 'no-cache' },
    extensions: (language) => ({ error, error_description: toAsciiText(description[language]) }),
  });
}

/**
 * §5.2: the description is printable ASCII, without `"` or `\`. French keeps its letters
 * without their accents (`é` → `e`) and its apostrophe as `'`; anything else is left out.
 */
export function toAsciiText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '');
}
