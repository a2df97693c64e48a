import type { CatalogVersion } from '../model.ts';
import { httpMethods, isMapping } from './check-document.ts';
import { resolveLocalRef } from './json-pointer.ts';

/**
 * The request headers a version's document says a caller sends, lower-cased, each once: its
 * operations' header parameters (path-level and operation-level, `$ref` followed) and the
 * headers of its `apiKey` schemes. Webhooks are left out: the API sends those, nobody sends
 * them to it.
 */
export function listRequestHeaderNames(version: CatalogVersion): string[] {
  const { document } = version;
  const names = new Set<string>();
  const addParameters = (parameters: unknown): void => {
    const list = resolveLocalRef(document, parameters);
    if (!Array.isArray(list)) return;
    for (const raw of list) {
      const parameter = resolveLocalRef(document, raw);
      if (!isMapping(parameter) || parameter.in !== 'header') continue;
      if (typeof parameter.name === 'string') names.add(parameter.name.toLowerCase());
    }
  };
  const paths = resolveLocalRef(document, document.paths);
  if (isMapping(paths)) {
    for (const [path, rawItem] of Object.entries(paths)) {
      const item = resolveLocalRef(document, rawItem);
      if (path.startsWith('x-') || !isMapping(item)) continue;
      addParameters(item.parameters);
      for (const method of httpMethods) {
        const operation = resolveLocalRef(document, item[method]);
        if (isMapping(operation)) addParameters(operation.parameters);
      }
    }
  }
  for (const scheme of version.securitySchemes) {
    if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.parameterName !== undefined) {
      names.add(scheme.parameterName.toLowerCase());
    }
  }
  return [...names];
}
