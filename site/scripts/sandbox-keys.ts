import { sandboxKeyHeader } from '../../catalog/sandbox-credentials.ts';

/**
 * Sandbox keys a partner obtained on the portal, kept in the browser: `localStorage` entry
 * `guichet:keys`, a JSON object from API id to key (`{ "tax-filing": "gk_…" }`). The trial-key
 * form writes it; the console reads it.
 *
 * A key belongs to one sandbox. Branch previews share one origin, each under its own base path
 * with its own sandbox, so a portal built under a base path keeps its keys in an entry of its
 * own (`guichet:keys:/feature-x/`): a key from one preview is never sent to another's sandbox.
 */
export function toStoredKeysName(base: string): string {
  return base === '/' || base === '' ? 'guichet:keys' : `guichet:keys:${base}`;
}

/** The entry this portal uses: Astro sets the base path when it bundles the script. */
export const storedKeysName = toStoredKeysName(
  (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/',
);

/** Header the sandbox gateway reads the key from. */
export const keyHeaderName = sandboxKeyHeader;

/** Reads the stored keys; anything malformed counts as no key rather than an error. */
export function parseStoredKeys(raw: string | null | undefined): Record<string, string> {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const keys: Record<string, string> = {};
  for (const [apiId, key] of Object.entries(value)) {
    if (typeof key === 'string' && key.trim() !== '') keys[apiId] = key.trim();
  }
  return keys;
}

/** The stored key for one API, if any; `storage` is `localStorage` in the browser. */
export function readStoredKey(
  storage: Pick<Storage, 'getItem'> | undefined,
  apiId: string,
): string | undefined {
  try {
    return parseStoredKeys(storage?.getItem(storedKeysName))[apiId];
  } catch {
    // Storage can be disabled (private modes, policies): behave as if no key was saved.
    return undefined;
  }
}

/** `gk_AbCdEf…` → `gk_AbCd…`: enough to recognise a key without showing it whole. */
export function toKeyHint(key: string): string {
  return key.length <= 8 ? '…' : `${key.slice(0, 7)}…`;
}

/**
 * Saves one API's key beside the others. Returns false when storage refuses (disabled, full):
 * the partner still has the key on screen to copy.
 */
export function storeKey(
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
  apiId: string,
  key: string,
): boolean {
  if (!storage) return false;
  try {
    const keys = parseStoredKeys(storage.getItem(storedKeysName));
    keys[apiId] = key;
    storage.setItem(storedKeysName, JSON.stringify(keys));
    return true;
  } catch {
    return false;
  }
}

/** Removes one API's key, keeping the others; false when storage refuses. */
export function forgetKey(
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
  apiId: string,
): boolean {
  if (!storage) return false;
  try {
    const keys = parseStoredKeys(storage.getItem(storedKeysName));
    if (!(apiId in keys)) return true;
    const others = Object.entries(keys).filter(([id]) => id !== apiId);
    storage.setItem(storedKeysName, JSON.stringify(Object.fromEntries(others)));
    return true;
  } catch {
    return false;
  }
}
