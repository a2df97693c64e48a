import type { InlineSchema, SchemaNode, SchemaReference } from './reference-model.ts';
import {
  isMapping,
  toComponentName,
  toLocalPointer,
  type Mapping,
  type ReadContext,
} from './read-context.ts';
import { readInlineSchema, readSchema, toReference, type SchemaPlace } from './read-schema.ts';
import { getAt, toPointerKeys } from '../openapi/json-pointer.ts';

/**
 * Folds `allOf` members that are objects into `node`, so a reader sees one list of properties,
 * inherited ones first, with the components they came from named in `inherits`. A member that
 * is not an object (a string with a format, a `oneOf`), or that loops back to a schema being
 * merged, stays listed in `node.allOf`.
 */
export function mergeAllOf(
  context: ReadContext,
  node: InlineSchema,
  schema: Mapping,
  place: SchemaPlace,
): void {
  const members = Array.isArray(schema.allOf) ? (schema.allOf as unknown[]) : [];
  const own = node.properties;
  node.properties = [];
  for (const member of members) {
    const read = readMember(context, member, place);
    if (read.schema.kind === 'schema' && isMergeable(read.schema)) {
      fold(node, read.schema);
      if (read.from) addOnce(node.inherits, read.from);
      continue;
    }
    addOnce(node.allOf, read.from ?? read.schema);
  }
  for (const property of own) upsert(node, property.name, property.required, property.schema);
  // `required: [name]` may stand in one member and the property in another.
  const required = new Set(
    [schema, ...members.map((member) => context.resolve(member))].flatMap(listRequired),
  );
  for (const property of node.properties) property.required ||= required.has(property.name);
}

function listRequired(schema: unknown): string[] {
  if (!isMapping(schema) || !Array.isArray(schema.required)) return [];
  return schema.required.filter((name): name is string => typeof name === 'string');
}

/** A member, with a component reference read through (its content is what gets merged). */
function readMember(
  context: ReadContext,
  member: unknown,
  place: SchemaPlace,
): { schema: SchemaNode; from?: SchemaReference } {
  const pointer = toLocalPointer(member);
  const name = pointer === undefined ? undefined : toComponentName(context, pointer);
  if (pointer === undefined || name === undefined)
    return { schema: readSchema(context, member, place) };
  const from = toReference(context, name, member) as SchemaReference;
  if (place.expanding.includes(pointer)) return { schema: { kind: 'cut', reason: 'cycle' }, from };
  if (context.budget.nodes <= 0) return { schema: { kind: 'cut', reason: 'size' }, from };
  context.budget.nodes -= 1;
  const schema = readInlineSchema(context, getAt(context.document, toPointerKeys(pointer)), {
    depth: place.depth,
    expanding: [...place.expanding, pointer],
  });
  return { schema, from };
}

function isMergeable(schema: InlineSchema): boolean {
  return (
    schema.choice === undefined &&
    schema.not === undefined &&
    schema.items === undefined &&
    schema.types.every((type) => type === 'object')
  );
}

function fold(node: InlineSchema, member: InlineSchema): void {
  for (const property of member.properties) {
    upsert(node, property.name, property.required, property.schema);
  }
  if (node.types.length === 0) node.types = member.types;
  node.descriptionHtml ||= member.descriptionHtml;
  if (node.title === undefined && member.title !== undefined) node.title = member.title;
  node.deprecated ||= member.deprecated;
  node.constraints = [...new Set([...node.constraints, ...member.constraints])];
  node.omitted += member.omitted;
  // Deduplicated: members that share ancestors would otherwise repeat them at every level.
  for (const entry of member.allOf) addOnce(node.allOf, entry);
  for (const entry of member.inherits) addOnce(node.inherits, entry);
  if (node.additionalProperties === undefined && member.additionalProperties !== undefined) {
    node.additionalProperties = member.additionalProperties;
  }
  if (node.examples.length === 0) node.examples = member.examples;
}

/** Adds a reference once (by name), anything else as it comes. */
function addOnce<T extends SchemaNode>(list: T[], entry: T): void {
  if (
    entry.kind === 'reference' &&
    list.some((item) => item.kind === 'reference' && item.name === entry.name)
  )
    return;
  list.push(entry);
}

/** Adds a property, or refines one already there: required once required anywhere. */
function upsert(node: InlineSchema, name: string, required: boolean, schema: SchemaNode): void {
  const existing = node.properties.find((property) => property.name === name);
  if (!existing) {
    node.properties.push({ name, required, schema });
    return;
  }
  existing.required ||= required;
  existing.schema = schema;
}
