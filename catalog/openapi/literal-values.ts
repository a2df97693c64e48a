/**
 * Where an OpenAPI document holds literal data rather than OpenAPI objects: examples, defaults,
 * enums and constants are payload, so a `$ref` or a `description` key inside one is data the
 * owner wrote, not a reference to follow nor Markdown to render.
 */
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
