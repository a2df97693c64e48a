/**
 * Small tools for JSON values that came from a request: a body may hold `__proto__` or
 * `constructor` as field names, which must stay plain data. Fields are therefore written with
 * `Object.defineProperty` (an assignment to `__proto__` would change the object's prototype)
 * and read only when they are the object's own.
 */

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Sets a field as the object's own, whatever its name. */
export function setOwn(target: JsonObject, name: string, value: unknown): void {
  // An assignment is the fast way for every other name; only `__proto__` has a setter.
  if (name !== '__proto__') {
    target[name] = value;
    return;
  }
  Object.defineProperty(target, name, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** The object's own field, or `undefined`. */
export function getOwn(source: unknown, name: string): unknown {
  return isJsonObject(source) && Object.hasOwn(source, name) ? source[name] : undefined;
}

/** The value at a path of own fields (`['pagination', 'total']`). */
export function getPath(source: unknown, path: readonly string[]): unknown {
  let current = source;
  for (const name of path) current = getOwn(current, name);
  return current;
}

/** Sets the value at a path of own fields, making the objects on the way when absent. */
export function setPath(target: JsonObject, path: readonly string[], value: unknown): void {
  let current = target;
  path.slice(0, -1).forEach((name) => {
    const next = getOwn(current, name);
    const object = isJsonObject(next) ? { ...next } : {};
    setOwn(current, name, object);
    current = object;
  });
  const last = path.at(-1);
  if (last !== undefined) setOwn(current, last, value);
}

/** A deep copy through JSON: what is stored is what `JSON.stringify` keeps. */
export function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * True when `value` nests objects and arrays deeper than `limit`, found without recursion: a
 * body nested a hundred thousand times parses, but would exhaust the stack of any walker after.
 */
export function isNestedDeeper(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (!entry || entry.value === null || typeof entry.value !== 'object') continue;
    if (entry.depth >= limit) return true;
    const children = Array.isArray(entry.value)
      ? (entry.value as unknown[])
      : Object.values(entry.value);
    for (const child of children) stack.push({ value: child, depth: entry.depth + 1 });
  }
  return false;
}
