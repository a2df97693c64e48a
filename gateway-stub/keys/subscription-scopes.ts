/**
 * The scopes a subscription grants. The store keeps an administrator's explicit list as a JSON
 * array, or null for the API's default grant: every scope its documents declare but those its
 * metadata restricts, read from the catalog as it is now, so a scope a new version adds is
 * granted at once. Restricted scopes are granted by an administrator's approval.
 */

/** Reads a stored list of scopes; anything but an array of strings counts as none. */
export function parseScopeList(text: string | null): string[] {
  if (text === null || text === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  return Array.isArray(value)
    ? [...new Set(value.filter((item): item is string => typeof item === 'string'))]
    : [];
}

/** Writes a list of scopes as the store keeps it: sorted, each once. */
export function toScopeListText(scopes: Iterable<string>): string {
  return JSON.stringify([...new Set(scopes)].sort());
}

/** What the key service and the gateway know of an API's scopes. */
export interface ApiScopes {
  /** Every scope its versions declare or need. */
  scopes: readonly string[];
  /** Those only an administrator grants. */
  restrictedScopes: readonly string[];
}

/** The scopes a subscription grants now: its explicit list, or the API's default grant. */
export function toGrantedScopes(stored: string | null, api: ApiScopes): Set<string> {
  if (stored !== null) return new Set(parseScopeList(stored));
  const restricted = new Set(api.restrictedScopes);
  return new Set(api.scopes.filter((scope) => !restricted.has(scope)));
}
