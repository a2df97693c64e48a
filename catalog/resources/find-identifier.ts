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
 * The identifier's type and bounds: its type from the path placeholder's schema when it says
 * (the path must accept it), else the field's; format, pattern and bounds from the field when
 * it says, else the placeholder (a field typed `string` whose placeholder has the pattern gets
 * the pattern: an id must fit both); text when neither says.
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
  const sources = [field, parameterSchema].filter(
    (source): source is Record<string, unknown> => isMapping(source) && !Array.isArray(source.enum),
  );
  // The path must accept the id first: the placeholder's type wins over the field's.
  const typed = [...sources].reverse().find((source) => readTypes(source).length > 0);
  const types = typed ? readTypes(typed).filter((type) => type !== 'null') : [];
  const type = types.includes('integer')
    ? 'integer'
    : types.includes('number') && !types.includes('string')
      ? 'number'
      : 'string';
  const schema: IdentifierSchema = { type };
  const first = (key: string): unknown =>
    sources.map((source) => source[key]).find((value) => value !== undefined);
  const format = first('format');
  if (typeof format === 'string') schema.format = format;
  const pattern = first('pattern');
  if (typeof pattern === 'string' && type === 'string') schema.pattern = pattern;
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength'] as const) {
    const value = first(key);
    if (typeof value === 'number' && Number.isFinite(value)) schema[key] = value;
  }
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
