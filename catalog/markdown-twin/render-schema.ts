import type {
  ComponentSchema,
  InlineSchema,
  SchemaNode,
  SchemaProperty,
} from '../reference/reference-model.ts';
import {
  expandSchemaRoot,
  toRootDescription,
  walkSchemaChildren,
  writeTypeLabel,
  type SchemaChildrenWriter,
  type SchemaDirection,
  type TypeLabelWriter,
} from '../reference/schema-walk.ts';
import { toCode, toInlineValue } from './markdown-text.ts';
import type { ProseCache } from './prose-cache.ts';

/**
 * Schema trees as nested Markdown lists. A body's top-level reference is expanded once, so an
 * operation shows the fields it takes and answers; deeper references print the component's
 * name, described once in the twin's Schemas section (or, for the MCP describe tool, after the
 * operation). The walk (roots, directions, the order of children) is `schema-walk.ts`, shared
 * with the portal's HTML; this file writes Markdown. Bounded like the model: the catalog
 * already cut cycles, depth and size.
 */

/** What rendering a tree needs. */
export interface SchemaRendering {
  components: ReadonlyMap<string, ComponentSchema>;
  /** Requests leave read-only properties out, responses write-only ones. */
  direction: SchemaDirection;
  /** The rendering's owners' prose, converted once per distinct text. */
  prose: ProseCache;
}

const enumLimit = 40;

/** The lines of a root schema: its type, description, facts and properties. */
export function renderSchemaRoot(node: SchemaNode, rendering: SchemaRendering): string[] {
  const expanded = expandSchemaRoot(node, rendering.components);
  const lines = [`Type: ${toTypeLabel(node)}`];
  if (!expanded) return lines;
  const description = rendering.prose.toMarkdown(toRootDescription(node, expanded));
  if (description !== '') lines.push('', description);
  const facts = toFacts(expanded);
  if (facts !== '') lines.push('', facts);
  const children = renderChildren(expanded, rendering, 0);
  if (children.length > 0) lines.push('', ...children);
  return lines;
}

const cutLabels: Readonly<Record<'cycle' | 'depth' | 'size', string>> = {
  cycle: 'loops back to a schema above',
  depth: 'nested too deep to show here: see the OpenAPI document',
  size: 'too large to show here: see the OpenAPI document',
};

const labelWriter: TypeLabelWriter = {
  cut: (reason) => cutLabels[reason],
  reference: (node) => toCode(node.name),
  arrayOf: (items) => `array of ${items}`,
  choiceOf: (kind, count) => `${kind === 'oneOf' ? 'one of' : 'any of'} ${String(count)} types`,
  mapOf: (values) => `map of ${values}`,
  types: (types) => types.join(' or '),
  format: (format) => ` (${toCode(format)})`,
  orNull: ' or null',
};

/** `string (date-time)`, `array of `Pet``, `object or null`. */
export function toTypeLabel(node: SchemaNode): string {
  return writeTypeLabel(node, labelWriter);
}

/** Enum, default, bounds, pattern, examples and flags of a node, on one line. */
function toFacts(node: InlineSchema): string {
  const facts: string[] = [];
  if (node.deprecated) facts.push('deprecated');
  if (node.readOnly) facts.push('read-only');
  if (node.writeOnly) facts.push('write-only');
  if (node.enum !== undefined) {
    const shown = node.enum.slice(0, enumLimit).map((value) => toInlineValue(value));
    const more = node.enum.length - shown.length;
    facts.push(`one of ${shown.join(', ')}${more > 0 ? ` and ${String(more)} more` : ''}`);
  }
  if (node.default !== undefined) facts.push(`default ${toInlineValue(node.default.value)}`);
  facts.push(...node.constraints.map((constraint) => constraint));
  if (node.pattern !== undefined) facts.push(`pattern ${toCode(node.pattern)}`);
  if (node.examples.length > 0) facts.push(`example ${toInlineValue(node.examples[0])}`);
  if (node.inherits.length > 0) {
    facts.push(`includes ${node.inherits.map((parent) => toCode(parent.name)).join(', ')}`);
  }
  return facts.join('; ');
}

/** The list items under a node, `depth` levels in. */
function renderChildren(node: InlineSchema, rendering: SchemaRendering, depth: number): string[] {
  const indent = '  '.repeat(depth);
  const nested = (child: SchemaNode, level: number): string[] =>
    child.kind === 'schema' ? renderChildren(child, rendering, level) : [];
  const writer: SchemaChildrenWriter<string[]> = {
    // Said among the node's facts ("includes …"), where a reader of one line looks for it.
    inherits: () => undefined,
    properties: (shown, omitted) => {
      const lines = shown.flatMap((property) => renderProperty(property, rendering, depth));
      if (omitted > 0) lines.push(`${indent}- … and ${String(omitted)} more`);
      return lines;
    },
    choice: (choice) => {
      const word = choice.kind === 'oneOf' ? 'Exactly one of' : 'At least one of';
      const by = choice.discriminator ? ` (told apart by ${toCode(choice.discriminator)})` : '';
      const lines = [`${indent}- ${word}${by}:`];
      for (const variant of choice.variants) {
        const values =
          variant.discriminatorValues.length > 0
            ? ` when ${variant.discriminatorValues.map((value) => toCode(value)).join(', ')}`
            : '';
        lines.push(
          `${indent}  - ${toCode(variant.label)}${values}: ${toTypeLabel(variant.schema)}`,
          ...nested(variant.schema, depth + 2),
        );
      }
      return lines;
    },
    allOf: (members) =>
      members.flatMap((member) => [
        `${indent}- and also: ${toTypeLabel(member)}`,
        ...nested(member, depth + 1),
      ]),
    // An array's items' fields are listed where the array's would be.
    items: (items) => renderChildren(items, rendering, depth),
    // A map's values are in its type label ("map of …"); beside listed properties, a line says
    // what any other property holds.
    additionalProperties: (values, owner) =>
      owner.properties.length > 0
        ? [`${indent}- any other property: ${toTypeLabel(values)}`, ...nested(values, depth + 1)]
        : undefined,
    not: (not) => [`${indent}- must not be: ${toTypeLabel(not)}`],
  };
  return walkSchemaChildren(node, rendering.direction, writer).flat();
}

function renderProperty(
  property: SchemaProperty,
  rendering: SchemaRendering,
  depth: number,
): string[] {
  const indent = '  '.repeat(depth);
  const { schema } = property;
  const parts = [
    `${indent}- ${toCode(property.name)} (${toTypeLabel(schema)}${property.required ? ', required' : ''})`,
  ];
  if (schema.kind === 'schema') {
    const description = rendering.prose.toMarkdown(schema.descriptionHtml).replace(/\n+/g, ' ');
    const facts = toFacts(schema);
    if (description !== '') parts.push(`: ${description}`);
    if (facts !== '') parts.push(`${description === '' ? ': ' : ' — '}${facts}`);
  } else if (schema.kind === 'reference' && schema.descriptionHtml !== '') {
    parts.push(`: ${rendering.prose.toMarkdown(schema.descriptionHtml).replace(/\n+/g, ' ')}`);
  }
  return [
    parts.join(''),
    ...(schema.kind === 'schema' ? renderChildren(schema, rendering, depth + 1) : []),
  ];
}
