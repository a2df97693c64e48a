/** Splits a `$ref` into the file it names (empty for the same file) and its JSON pointer. */
export function splitRef(ref: string): { file: string; pointer: string } {
  const hash = ref.indexOf('#');
  if (hash === -1) return { file: ref, pointer: '' };
  return { file: ref.slice(0, hash), pointer: ref.slice(hash + 1) };
}

/** Decodes a JSON pointer (`/paths/~1agents/get`) into its keys, URI escapes included. */
export function toPointerKeys(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((key) => safeDecode(key).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Follows keys into a parsed value; `undefined` when any step is missing. */
export function getAt(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Follows a local `$ref` (`#/components/…`) inside one document, once. */
export function resolveLocalRef(document: unknown, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#')) return value;
  return getAt(document, toPointerKeys(ref.slice(1)));
}

function safeDecode(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}
