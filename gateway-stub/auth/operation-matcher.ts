import { isTemplatedPath, parsePathTemplate } from '../../catalog/index.ts';

/** Finds what the operation a request reaches says, by method and version-relative path. */
export interface OperationMatcher<T> {
  find(method: string, path: string): T | undefined;
}

interface Templated<T> {
  pattern: RegExp;
  placeholders: number;
  value: T;
}

/**
 * Builds the matcher once per version: literal paths in a map, templated ones as regular
 * expressions, fewest placeholders first (the path routers prefer, and Prism too: `/agents/me`
 * before `/agents/{id}`). `HEAD` falls back to `GET`, as the mock server answers it.
 */
export function createOperationMatcher<T>(
  operations: readonly { method: string; path: string; value: T }[],
): OperationMatcher<T> {
  const literal = new Map<string, T>();
  const templated = new Map<string, Templated<T>[]>();
  for (const operation of operations) {
    const method = operation.method.toUpperCase();
    if (!isTemplatedPath(operation.path)) {
      const key = `${method} ${operation.path}`;
      if (!literal.has(key)) literal.set(key, operation.value);
      continue;
    }
    const template = parsePathTemplate(operation.path);
    const list = templated.get(method) ?? [];
    list.push({
      pattern: template.pattern,
      placeholders: template.names.length,
      value: operation.value,
    });
    templated.set(method, list);
  }
  for (const list of templated.values()) list.sort((a, b) => a.placeholders - b.placeholders);

  const findFor = (method: string, path: string): T | undefined => {
    const exact = literal.get(`${method} ${path}`);
    if (exact !== undefined) return exact;
    const list = templated.get(method);
    if (list === undefined) return undefined;
    for (const candidate of list) if (candidate.pattern.test(path)) return candidate.value;
    return undefined;
  };

  return {
    find(method, rawPath) {
      const query = rawPath.indexOf('?');
      const path = query === -1 ? rawPath : rawPath.slice(0, query);
      return findFor(method, path) ?? (method === 'HEAD' ? findFor('GET', path) : undefined);
    },
  };
}
