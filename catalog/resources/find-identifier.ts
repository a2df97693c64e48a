import { isMapping } from '../openapi/check-document.ts';
import type { IdentifierSchema } from './resource-model.ts';
import { readObjectFields, readTypes } from './schema-properties.ts';

/**
 * Which field of an object holds its identifier, from the item schema and the item path's
 * placeholder: the placeholder's own name (`reference`), then `id`, then `<name>Id` and
 * `<name>_id` after the collection (`declarationId` for `/declarations`), then any casing of `id`.
 */
export function findIdentifierField(
  document: unknown,
  itemSchema: unknown,
  idParameter: string,
  collectionName: string,
): string | undefined {
  const names = [...readObjectFields(document, itemSchema).properties.keys()];
  if (names.length === 0) return undefined;
  const singular = toSingular(collectionName);
  const camel = toCamelCase(singular);
  const candidates = [idParameter, 'id', `${camel}Id`, `${singular.replaceAll('-', '_')}_id`];
  return (
    candidates.find((candidate) => names.includes(candidate)) ??
    names.find((name) => name.toLowerCase() === 'id')
  );
}

/**
 * The identifier's type and bounds: the item schema's field when it says, else the path
 * placeholder's schema; text when neither does.
 */
export function readIdentifierSchema(
  document: unknown,
  itemSchema: unknown,
  idField: string | undefined,
  parameterSchema: Record<string, unknown>,
): IdentifierSchema {
  const field =
    idField === undefined
      ? undefined
      : readObjectFields(document, itemSchema).properties.get(idField);
  const source = field && readTypes(field).length > 0 ? field : parameterSchema;
  const types = readTypes(source).filter((type) => type !== 'null');
  const type = types.includes('integer')
    ? 'integer'
    : types.includes('number') && !types.includes('string')
      ? 'number'
      : 'string';
  const schema: IdentifierSchema = { type };
  if (typeof source.format === 'string') schema.format = source.format;
  if (typeof source.pattern === 'string') schema.pattern = source.pattern;
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength'] as const) {
    const value = source[key];
    if (typeof value === 'number' && Number.isFinite(value)) schema[key] = value;
  }
  // A string field whose only description is an enum gives no room for new ids.
  if (isMapping(source) && Array.isArray(source.enum) && type === 'string') delete schema.pattern;
  return schema;
}

/** `declarations` → `declaration`, `entries` → `entry`, `addresses` → `address`. */
export function toSingular(name: string): string {
  if (/ies$/i.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/i.test(name)) return name.slice(0, -2);
  // `-us` words (`rendez-vous`, `status`) are their own singular.
  if (/[^su]s$/i.test(name)) return name.slice(0, -1);
  return name;
}

/** `purchase-order` and `purchase_order` → `purchaseOrder`. */
function toCamelCase(name: string): string {
  return name.replace(/[-_]+([a-zA-Z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}
