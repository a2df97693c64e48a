import { toBasicAuthorization } from '../../catalog/sandbox-credentials.ts';
import type { CredentialArguments } from './credential-arguments.ts';

/** Shorter values are not looked for: they would match ordinary text, and no credential is. */
const shortest = 4;

/** What stands in for a credential in an answer. */
export const redacted = '[redacted]';

/** Hides credentials in text a tool hands back. */
export interface Redactor {
  /** Also hides this value (a token call_sandbox obtained). */
  add(value: string): void;
  hide(text: string): string;
}

/**
 * A redactor for one call's credentials: each value, as given, percent-encoded, form-encoded,
 * and as the basic credentials built from them, is replaced in whatever the tool repeats of
 * the sandbox's answer, so an answer that echoes a credential (a document's header, a stub)
 * never hands it back.
 */
export function createRedactor(credentials: CredentialArguments): Redactor {
  const values = new Set<string>();
  const add = (value: string | undefined): void => {
    if (value === undefined || value.length < shortest) return;
    values.add(value);
    values.add(encodeURIComponent(value));
    values.add(new URLSearchParams({ v: value }).toString().slice(2));
  };
  // By name: the tool's whole input may be passed, and only its credentials are hidden.
  for (const value of [
    credentials.apiKey,
    credentials.bearerToken,
    credentials.clientId,
    credentials.clientSecret,
    credentials.username,
    credentials.password,
  ]) {
    add(value);
  }
  const pairs: [string | undefined, string | undefined][] = [
    [credentials.clientId, credentials.clientSecret],
    [credentials.username, credentials.password],
  ];
  for (const [id, secret] of pairs) {
    if (id !== undefined && secret !== undefined) {
      add(toBasicAuthorization(id, secret).slice('Basic '.length));
    }
  }
  let ordered: string[] | undefined;
  return {
    add(value) {
      add(value);
      ordered = undefined;
    },
    hide(text) {
      // Longest first, so a value holding another is hidden whole.
      ordered ??= [...values].sort((a, b) => b.length - a.length);
      let result = text;
      for (const value of ordered) result = result.split(value).join(redacted);
      return result;
    },
  };
}
