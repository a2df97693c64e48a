/**
 * Where an OpenAPI document holds literal data rather than OpenAPI objects: examples, defaults,
 * enums and constants are payload, so a `$ref` or a `description` key inside one is data the
 * owner wrote, not a reference to follow nor Markdown to render.
 */
import { visitObjects } from './visit-objects.ts';

const literalKeys = new Set(['example', 'default', 'enum', 'const']);

/**
 * True when `child`, found under `key` in the object at `path`, is literal data. Keys of a
 * schema's `properties` map are property names (`example` may be one), never literals.
 */
export function isLiteral(key: string, child: unknown, path: readonly string[]): boolean {
  if (path.at(-1) === 'properties') return false;
  if (literalKeys.has(key)) return true;
  if (key === 'examples' && Array.isArray(child)) return true;
  // The `value` of an Example Object, itself an entry of an `examples` map.
  return key === 'value' && path.at(-2) === 'examples';
}

/**
 * Removes every `$ref` key found inside literal data (and each example's `externalValue`), in
 * place: resolvers such as Prism's follow a `$ref` wherever it stands, and one inside an example
 * may name another host. The rest of the example is kept as the owner wrote it.
 */
export function dropLiteralReferences(value: unknown, path: readonly string[] = []): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      dropLiteralReferences(item, [...path, String(index)]);
    });
    return;
  }
  const object = value as Record<string, unknown>;
  if (path.at(-1) !== 'properties' && typeof object.externalValue === 'string') {
    delete object.externalValue;
  }
  for (const [key, child] of Object.entries(object)) {
    if (isLiteral(key, child, path)) dropReferencesInLiteral(child);
    else dropLiteralReferences(child, [...path, key]);
  }
}

function dropReferencesInLiteral(value: unknown): void {
  visitObjects(value, (object) => {
    delete object.$ref;
    return true;
  });
}
