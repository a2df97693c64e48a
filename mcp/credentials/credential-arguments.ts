import { z } from 'zod';

/**
 * The credentials call_sandbox takes, each bounded and held to the characters its place in a
 * request allows, so that no value can end a header, add a cookie, shift a basic password or
 * outgrow the gateway's limits. Refusals name the argument, never repeat its value (zod's
 * messages for these checks hold none).
 */

/** Printable ASCII without space, `"`, `,`, `;` or `\`: RFC 6265's cookie-octet, safe anywhere. */
const keyCharacters = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/;
/** RFC 6750's b64token. */
const tokenCharacters = /^[A-Za-z0-9\-._~+/]+=*$/;
/** Printable ASCII without space; without `:` for the user part of HTTP basic (RFC 7617). */
const secretCharacters = /^[\x21-\x7e]+$/;
const userCharacters = /^[\x21-\x39\x3b-\x7e]+$/;
/** Any text but control characters (basic credentials are sent base64-encoded, in UTF-8). */
// Written as ranges, not `\p{Cc}`: clients check these patterns with engines of all kinds.
// eslint-disable-next-line no-control-regex -- the control characters are what is refused
const passwordCharacters = /^[^\x00-\x1f\x7f-\x9f]+$/;
// eslint-disable-next-line no-control-regex -- the control characters are what is refused
const usernameCharacters = /^[^\x00-\x1f\x7f-\x9f:]+$/;

/** The credential arguments of call_sandbox's input, with what an assistant reads of each. */
export const credentialArguments = {
  apiKey: z
    .string()
    .min(1)
    .max(512)
    .regex(
      keyCharacters,
      'must be a key as issued (printable ASCII, no spaces, quotes, commas, semicolons or backslashes)',
    )
    .optional()
    .describe(
      'Your trial key (gk_…), for operations secured by an API key: sent where the operation declares it (a header such as KeyId, a query parameter such as apikey, or a cookie), or in X-Api-Key when it declares no security.',
    ),
  bearerToken: z
    .string()
    .min(1)
    .max(8_192)
    .regex(
      tokenCharacters,
      'must be an access token (RFC 6750: letters, digits, -._~+/ and = padding)',
    )
    .optional()
    .describe(
      "An access token from the sandbox's POST /oauth/token, for operations secured by OAuth 2.0, HTTP bearer or OpenID Connect: sent as Authorization: Bearer, as is. Pass clientId and clientSecret instead to let call_sandbox get one with the operation's scopes.",
    ),
  clientId: z
    .string()
    .min(1)
    .max(256)
    .regex(userCharacters, 'must be a client id as issued (printable ASCII, no spaces or colons)')
    .optional()
    .describe(
      "Your trial application's client id (gc_…), with clientSecret: for OAuth 2.0 / bearer operations call_sandbox gets a token with the operation's scopes from the sandbox's own POST /oauth/token; for HTTP basic operations they are sent as Authorization: Basic.",
    ),
  clientSecret: z
    .string()
    .min(1)
    .max(512)
    .regex(secretCharacters, 'must be a client secret as issued (printable ASCII, no spaces)')
    .optional()
    .describe("Your trial application's client secret (gs_…), with clientId."),
  username: z
    .string()
    .min(1)
    .max(256)
    .regex(usernameCharacters, 'must be a user id without control characters or colons')
    .optional()
    .describe(
      'For HTTP basic operations, with password: sent as Authorization: Basic (in the sandbox, your client id).',
    ),
  password: z
    .string()
    .min(1)
    .max(512)
    .regex(passwordCharacters, 'must be a password without control characters')
    .optional()
    .describe('For HTTP basic operations, with username (in the sandbox, your client secret).'),
};

/** The credentials an assistant passed to one call. */
export interface CredentialArguments {
  apiKey?: string | undefined;
  bearerToken?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
}

/** The names of the arguments passed, in schema order, for a refusal to list. */
export function listPassed(credentials: CredentialArguments): string[] {
  return Object.keys(credentialArguments).filter(
    (name) => credentials[name as keyof CredentialArguments] !== undefined,
  );
}
