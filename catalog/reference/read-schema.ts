import { getAt, toPointerKeys } from '../openapi/json-pointer.ts';
import type { InlineSchema, SchemaNode, SchemaProperty } from './reference-model.ts';
import { readChoice } from './read-choice.ts';
import {
  isMapping,
  readText,
  schemaLimits,
  toComponentName,
  toLocalPointer,
  type Mapping,
  type ReadContext,
} from './read-context.ts';
import { mergeAllOf } from './merge-all-of.ts';
import { readConstraints } from './schema-constraints.ts';

/** Where a schema is being read: how deep, and which referenced schemas are being expanded. */
export interface SchemaPlace {
  depth: number;
  /** Pointers of the unnamed `$ref` targets being expanded, outermost first: a loop is a cycle. */
  expanding: readonly string[];
}

const root: SchemaPlace = { depth: 0, expanding: [] };

/**
 * Reads a Schema Object (OpenAPI 3.0, 3.1, Swagger 2.0) into a tree. A `$ref` to a component
 * schema stays a reference; one to anywhere else (what bundling leaves of a multi-file document)
 * is expanded in place unless it loops back. Every node counts against the context's budget.
 */
export function readSchema(
  context: ReadContext,
  raw: unknown,
  place: SchemaPlace = root,
): SchemaNode {
  if (context.budget.nodes <= 0) return { kind: 'cut', reason: 'size' };
  if (place.depth > schemaLimits.maxDepth) return { kind: 'cut', reason: 'depth' };
  context.budget.nodes -= 1;
  const pointer = toLocalPointer(raw);
  if (pointer !== undefined) {
    const name = toComponentName(context, pointer);
    if (name !== undefined) return toReference(context, name, raw);
    if (place.expanding.includes(pointer)) return { kind: 'cut', reason: 'cycle' };
    return readSchema(context, getAt(context.document, toPointerKeys(pointer)), {
      depth: place.depth,
      expanding: [...place.expanding, pointer],
    });
  }
  return readInlineSchema(context, raw, place);
}

/** A reference to a component, with what OpenAPI 3.1 lets one write beside a `$ref`. */
export function toReference(context: ReadContext, name: string, raw: unknown): SchemaNode {
  return {
    kind: 'reference',
    name,
    anchor: context.componentAnchors.get(name) ?? '',
    nullable: false,
    descriptionHtml: isMapping(raw) ? context.toHtml(raw.description) : '',
  };
}

/** Reads a schema written in place (not a `$ref`), `allOf` merged and `oneOf`/`anyOf` listed. */
export function readInlineSchema(
  context: ReadContext,
  raw: unknown,
  place: SchemaPlace,
): SchemaNode {
  // OpenAPI 3.1 allows `true` (anything) and `false` (nothing) as schemas.
  const schema: Mapping = isMapping(raw) ? raw : {};
  const inner: SchemaPlace = { depth: place.depth + 1, expanding: place.expanding };
  const node = readOwnKeywords(context, schema, inner);
  const collapsed = collapseNullableWrapper(context, schema, node, inner);
  if (collapsed) return collapsed;
  if (Array.isArray(schema.allOf)) mergeAllOf(context, node, schema, inner);
  const choice = readChoice(context, schema, inner);
  if (choice) {
    node.nullable ||= choice.nullable;
    if (choice.only && isBare(node)) return withWrapper(choice.only, node);
    if (choice.variants.length > 0) node.choice = choice.choice;
    node.omitted += choice.omitted;
  }
  return node;
}

function readOwnKeywords(context: ReadContext, schema: Mapping, inner: SchemaPlace): InlineSchema {
  const written = Array.isArray(schema.type) ? schema.type : [schema.type];
  const types = written.filter((type): type is string => typeof type === 'string');
  const isFile = types.includes('file');
  const format = readText(schema.format) ?? (isFile ? 'binary' : undefined);
  const title = readText(schema.title);
  const pattern = readText(schema.pattern);
  const enumValues = Array.isArray(schema.enum)
    ? schema.enum
    : Object.hasOwn(schema, 'const')
      ? [schema.const]
      : undefined;
  const node: InlineSchema = {
    kind: 'schema',
    types: [...new Set(types.map((type) => (type === 'file' ? 'string' : type)))].filter(
      (type) => type !== 'null',
    ),
    nullable:
      types.includes('null') ||
      schema.nullable === true ||
      schema['x-nullable'] === true ||
      (enumValues?.includes(null) ?? false),
    ...(format === undefined ? {} : { format }),
    ...(title === undefined ? {} : { title }),
    descriptionHtml: context.toHtml(schema.description),
    deprecated: schema.deprecated === true,
    readOnly: schema.readOnly === true,
    writeOnly: schema.writeOnly === true,
    ...(enumValues === undefined ? {} : { enum: enumValues.filter((value) => value !== null) }),
    ...(Object.hasOwn(schema, 'default') ? { default: { value: schema.default } } : {}),
    examples: [
      ...(Object.hasOwn(schema, 'example') ? [schema.example] : []),
      ...(Array.isArray(schema.examples) ? (schema.examples as unknown[]) : []),
    ],
    constraints: readConstraints(schema),
    ...(pattern === undefined ? {} : { pattern }),
    properties: [],
    omitted: 0,
    allOf: [],
    inherits: [],
  };
  readProperties(context, schema, node, inner);
  if (typeof schema.additionalProperties === 'boolean') {
    node.additionalProperties = schema.additionalProperties;
  } else if (isMapping(schema.additionalProperties)) {
    node.additionalProperties = readSchema(context, schema.additionalProperties, inner);
  }
  const items: unknown = Array.isArray(schema.items) ? schema.items[0] : schema.items;
  if (items !== undefined) node.items = readSchema(context, items, inner);
  if (schema.not !== undefined) node.not = readSchema(context, schema.not, inner);
  return node;
}

/** Lists properties until the budget runs out; those left are counted in `omitted`. */
function readProperties(
  context: ReadContext,
  schema: Mapping,
  node: InlineSchema,
  inner: SchemaPlace,
): void {
  if (!isMapping(schema.properties)) return;
  const required = new Set(
    Array.isArray(schema.required)
      ? schema.required.filter((name): name is string => typeof name === 'string')
      : [],
  );
  const entries = Object.entries(schema.properties);
  for (const [index, [name, child]] of entries.entries()) {
    if (context.budget.nodes <= 0) {
      node.omitted += entries.length - index;
      return;
    }
    const property: SchemaProperty = {
      name,
      required: required.has(name),
      schema: readSchema(context, child, inner),
    };
    node.properties.push(property);
  }
}

/**
 * `allOf: [{ $ref: Pet }]` with `nullable: true` (how OpenAPI 3.0 makes a reference nullable)
 * or a description beside it: the reference itself, carrying both, rather than a merged copy.
 */
function collapseNullableWrapper(
  context: ReadContext,
  schema: Mapping,
  node: InlineSchema,
  inner: SchemaPlace,
): SchemaNode | undefined {
  if (!Array.isArray(schema.allOf) || schema.allOf.length !== 1 || !isBare(node)) return undefined;
  if (schema.oneOf !== undefined || schema.anyOf !== undefined) return undefined;
  const member = readSchema(context, schema.allOf[0], inner);
  if (member.kind !== 'reference') return undefined;
  return {
    ...member,
    nullable: node.nullable,
    descriptionHtml: node.descriptionHtml || member.descriptionHtml,
  };
}

/** True when a node says nothing but, perhaps, a description and nullability. */
function isBare(node: InlineSchema): boolean {
  return (
    node.types.length === 0 &&
    node.properties.length === 0 &&
    node.items === undefined &&
    node.additionalProperties === undefined &&
    node.enum === undefined &&
    node.format === undefined &&
    node.constraints.length === 0
  );
}

/** The one variant of `anyOf: [X, null]`, carrying the wrapper's nullability and description. */
function withWrapper(node: SchemaNode, wrapper: InlineSchema): SchemaNode {
  if (node.kind === 'cut') return node;
  return {
    ...node,
    nullable: node.nullable || wrapper.nullable,
    descriptionHtml: wrapper.descriptionHtml || node.descriptionHtml,
  };
}
