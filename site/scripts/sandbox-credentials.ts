import type { SecurityRequirement } from '../../catalog/reference/reference-model.ts';
import { keyHeaderName } from './sandbox-keys.ts';

/**
 * The credentials the browser holds for one API, as the trial-key form stored them. Today one
 * trial key; a token for OAuth 2 client credentials or a bearer token can join it here.
 */
export interface StoredCredentials {
  /** The sandbox key (`gk_…`). */
  apiKey?: string;
}

/** What a request carries to authenticate: header and query fields, in order. */
export interface CredentialFields {
  headers: [name: string, value: string][];
  query: [name: string, value: string][];
}

/** What code samples show where the partner's key goes, before one is issued. */
export const keyPlaceholder = 'YOUR_KEY';

/**
 * How a request to the sandbox carries the partner's credentials for one operation: the one
 * place code samples, "try it" and their curl decide it. `security` is what the document
 * declares for the operation; the sandbox's gateway today takes the trial key in `X-Api-Key`
 * whatever the document declares, so the key is sent for every operation (the placeholder
 * when none is stored). A scheme the gateway learns (a bearer token for an `oauth2` or
 * `http` requirement) is chosen here from `_security`, without touching the callers.
 */
export function toCredentialFields(
  credentials: StoredCredentials,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the contract callers rely on: the gateway's bearer tokens (issue 8) will be chosen from it here
  _security: readonly SecurityRequirement[],
): CredentialFields {
  return { headers: [[keyHeaderName, credentials.apiKey ?? keyPlaceholder]], query: [] };
}
