import { isMapping } from '../openapi/check-document.ts';
import { resolveValue } from './read-operation.ts';

/**
 * What an object schema says about its fields, with `$ref`s followed and `allOf` parts joined:
 * enough to find an identifier, a list's array or a filterable field. Alternatives (`oneOf`,
 * `anyOf`) are read as the union of their fields: any of them may be the one an answer uses.
 */

/** The fields of an object schema, by name, each schema resolved. */
export interface ObjectFields {
  properties: Map<string, Record<string, unknown>>;
  required: Set<string>;
}

/** Nested `allOf` beyond this is read no further (a document can nest them without end). */
const depthLimit = 8;

/** The fields an object schema declares; empty for a schema that is not an object's. */
export function readObjectFields(document: unknown, schema: unknown): ObjectFields {
  const fields: ObjectFields = { properties: new Map(), required: new Set() };
  collect(document, schema, fields, 0, new Set());
  return fields;
}

function collect(
  document: unknown,
  raw: unknown,
  fields: ObjectFields,
  depth: number,
  seen: Set<unknown>,
): void {
  const schema = resolveValue(document, raw);
  if (!isMapping(schema) || depth > depthLimit || seen.has(schema)) return;
  seen.add(schema);
  const properties = resolveValue(document, schema.properties);
  if (isMapping(properties)) {
    for (const [name, value] of Object.entries(properties)) {
      const resolved = resolveValue(document, value);
      if (isMapping(resolved) && !fields.properties.has(name)) {
        fields.properties.set(name, resolved);
      }
    }
  }
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) if (typeof name === 'string') fields.required.add(name);
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const parts = schema[key];
    if (!Array.isArray(parts)) continue;
    for (const part of parts) collect(document, part, fields, depth + 1, seen);
  }
}

/** The schema of an array's items, when `schema` describes an array. */
export function readArrayItems(
  document: unknown,
  schema: unknown,
): Record<string, unknown> | undefined {
  const resolved = resolveValue(document, schema);
  if (!isMapping(resolved)) return undefined;
  const type = resolved.type;
  const isArray = type === 'array' || (Array.isArray(type) && type.includes('array'));
  if (!isArray && resolved.items === undefined) return undefined;
  const items = resolveValue(document, resolved.items);
  return isMapping(items) ? items : {};
}

/** A schema's type names (`type: [string, 'null']` included); empty when it gives none. */
export function readTypes(schema: Record<string, unknown>): string[] {
  const { type } = schema;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((item): item is string => typeof item === 'string');
  return [];
}

/** True for a field whose value is one text, number or boolean: what a query can compare. */
export function isScalarSchema(document: unknown, schema: Record<string, unknown>): boolean {
  const resolved = resolveValue(document, schema);
  if (!isMapping(resolved)) return false;
  const types = readTypes(resolved).filter((type) => type !== 'null');
  if (types.length === 0) return Array.isArray(resolved.enum);
  return types.every((type) => ['string', 'integer', 'number', 'boolean'].includes(type));
}
