import type {
  ComponentSchema,
  InlineSchema,
  SchemaChoice,
  SchemaCut,
  SchemaNode,
  SchemaProperty,
  SchemaReference,
} from './reference-model.ts';

/**
 * The one walk of a schema tree that every rendering shares (the portal's HTML, the Markdown
 * twins and the MCP describe tool): which schema a root stands for, which properties a request
 * or a response shows, what a type label is made of, and in which order a node's children come
 * (merged `allOf` parents, properties, `oneOf`/`anyOf` variants, unmerged `allOf` members,
 * array items, map values, `not`). Cycles and the bounds on depth and size were cut by the
 * catalog already (`SchemaCut`); each rendering keeps only its output format.
 */

/** Requests leave read-only properties out, responses write-only ones; `any` shows all. */
export type SchemaDirection = 'request' | 'response' | 'any';

/** Component schemas by name, as a root's reference is expanded. */
export type ComponentLookup = ReadonlyMap<string, ComponentSchema>;

/**
 * The schema a root stands for: a reference's component, an array of references' component
 * (a body that is a list of `Pet`s shows a `Pet`'s fields), else the node itself; `undefined`
 * for a cut, or a component that is itself only a reference.
 */
export function expandSchemaRoot(
  node: SchemaNode,
  components: ComponentLookup,
): InlineSchema | undefined {
  if (node.kind === 'reference') return findInlineComponent(node.name, components);
  if (node.kind !== 'schema') return undefined;
  if (node.items?.kind === 'reference' && node.properties.length === 0) {
    return findInlineComponent(node.items.name, components);
  }
  return node;
}

function findInlineComponent(name: string, components: ComponentLookup): InlineSchema | undefined {
  const schema = components.get(name)?.schema;
  return schema?.kind === 'schema' ? schema : undefined;
}

/** A root's description: one written beside its reference wins over its component's own. */
export function toRootDescription(node: SchemaNode, expanded: InlineSchema): string {
  return (node.kind === 'reference' ? node.descriptionHtml : '') || expanded.descriptionHtml;
}

/** Whether a property is shown in this direction: read-only ones are not sent, write-only not answered. */
export function isPropertyShown(property: SchemaProperty, direction: SchemaDirection): boolean {
  const { schema } = property;
  if (schema.kind !== 'schema') return true;
  if (direction === 'request') return !schema.readOnly;
  if (direction === 'response') return !schema.writeOnly;
  return true;
}

/** Whether anything lies under an inline schema (besides its own facts). */
export function hasSchemaChildren(node: InlineSchema): boolean {
  return (
    node.properties.length > 0 ||
    node.omitted > 0 ||
    node.inherits.length > 0 ||
    node.allOf.length > 0 ||
    (node.choice?.variants.length ?? 0) > 0 ||
    (node.items?.kind === 'schema' && hasSchemaChildren(node.items)) ||
    (typeof node.additionalProperties === 'object' &&
      node.additionalProperties.kind === 'schema' &&
      hasSchemaChildren(node.additionalProperties))
  );
}

/** The type a schema that names none is read as: `object`, its first value's type, or `any`. */
export function guessSchemaType(node: InlineSchema): string {
  if (node.properties.length > 0 || node.additionalProperties !== undefined) return 'object';
  const first = node.enum?.[0];
  if (first !== undefined) return Array.isArray(first) ? 'array' : typeof first;
  return 'any';
}

/** How one format writes the pieces of a type label. */
export interface TypeLabelWriter {
  cut: (reason: SchemaCut['reason']) => string;
  /** The component's name as a link or code; `orNull` is added after it when nullable. */
  reference: (node: SchemaReference) => string;
  arrayOf: (items: string) => string;
  choiceOf: (kind: SchemaChoice['kind'], count: number) => string;
  mapOf: (values: string) => string;
  /** The JSON types a schema allows, joined. */
  types: (types: readonly string[]) => string;
  /** What follows a type for its format: ` (date-time)`. */
  format: (format: string) => string;
  orNull: string;
}

/** A one-line type: `string (date-time)`, `array of Pet`, `object or null`, in a writer's words. */
export function writeTypeLabel(node: SchemaNode, writer: TypeLabelWriter): string {
  if (node.kind === 'cut') return writer.cut(node.reason);
  if (node.kind === 'reference') {
    return `${writer.reference(node)}${node.nullable ? writer.orNull : ''}`;
  }
  let label: string;
  if (node.items) {
    label = writer.arrayOf(writeTypeLabel(node.items, writer));
  } else if (node.choice && node.types.length === 0 && node.properties.length === 0) {
    label = writer.choiceOf(node.choice.kind, node.choice.variants.length);
  } else if (typeof node.additionalProperties === 'object' && node.properties.length === 0) {
    label = writer.mapOf(writeTypeLabel(node.additionalProperties, writer));
  } else {
    label = writer.types(node.types.length > 0 ? node.types : [guessSchemaType(node)]);
  }
  if (node.format !== undefined) label += writer.format(node.format);
  return node.nullable ? `${label}${writer.orNull}` : label;
}

/**
 * How one format writes each kind of child of a node. Each returns its piece, or `undefined`
 * when it has nothing to say for it; the walk asks only for the pieces a node has.
 */
export interface SchemaChildrenWriter<Piece> {
  /** Components whose properties `allOf` merged in. */
  inherits: (from: readonly SchemaReference[]) => Piece | undefined;
  /** The properties shown in this direction, and how many the size bound left out. */
  properties: (shown: readonly SchemaProperty[], omitted: number) => Piece | undefined;
  choice: (choice: SchemaChoice) => Piece | undefined;
  /** `allOf` members that could not be merged. */
  allOf: (members: readonly SchemaNode[]) => Piece | undefined;
  /** The items of an array written in place. */
  items: (items: InlineSchema) => Piece | undefined;
  /** The schema of each value of a map (or of each property beyond those listed). */
  additionalProperties: (values: SchemaNode, node: InlineSchema) => Piece | undefined;
  not: (not: SchemaNode) => Piece | undefined;
}

/** The pieces under a node, in the one order every rendering shows them. */
export function walkSchemaChildren<Piece>(
  node: InlineSchema,
  direction: SchemaDirection,
  writer: SchemaChildrenWriter<Piece>,
): Piece[] {
  const pieces: (Piece | undefined)[] = [];
  if (node.inherits.length > 0) pieces.push(writer.inherits(node.inherits));
  const shown = node.properties.filter((property) => isPropertyShown(property, direction));
  if (shown.length > 0 || node.omitted > 0) pieces.push(writer.properties(shown, node.omitted));
  if (node.choice && node.choice.variants.length > 0) pieces.push(writer.choice(node.choice));
  if (node.allOf.length > 0) pieces.push(writer.allOf(node.allOf));
  if (node.items?.kind === 'schema') pieces.push(writer.items(node.items));
  if (typeof node.additionalProperties === 'object') {
    pieces.push(writer.additionalProperties(node.additionalProperties, node));
  }
  if (node.not) pieces.push(writer.not(node.not));
  return pieces.filter((piece): piece is Piece => piece !== undefined);
}
