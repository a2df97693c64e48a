import type {
  ComponentSchema,
  InlineSchema,
  SchemaNode,
  SchemaProperty,
} from '../reference/reference-model.ts';
import { toCode, toInlineValue } from './markdown-text.ts';
import type { ProseCache } from './prose-cache.ts';

/**
 * Schema trees as nested Markdown lists. A body's top-level reference is expanded once, so an
 * operation shows the fields it takes and answers; deeper references print the component's
 * name, described once in the twin's Schemas section (or, for the MCP describe tool, after the
 * operation). Bounded like the model: the catalog already cut cycles, depth and size.
 */

/** What rendering a tree needs. */
export interface SchemaRendering {
  components: ReadonlyMap<string, ComponentSchema>;
  /** Requests leave read-only properties out, responses write-only ones. */
  direction: 'request' | 'response' | 'any';
  /** The rendering's owners' prose, converted once per distinct text. */
  prose: ProseCache;
}

const enumLimit = 40;

/** The lines of a root schema: its type, description, facts and properties. */
export function renderSchemaRoot(node: SchemaNode, rendering: SchemaRendering): string[] {
  const expanded = expandRoot(node, rendering);
  const lines = [`Type: ${toTypeLabel(node)}`];
  if (!expanded) return lines;
  const description = rendering.prose.toMarkdown(
    (node.kind === 'reference' ? node.descriptionHtml : '') || expanded.descriptionHtml,
  );
  if (description !== '') lines.push('', description);
  const facts = toFacts(expanded);
  if (facts !== '') lines.push('', facts);
  const children = renderChildren(expanded, rendering, 0);
  if (children.length > 0) lines.push('', ...children);
  return lines;
}

/** `string (date-time)`, `array of `Pet``, `object or null`. */
export function toTypeLabel(node: SchemaNode): string {
  if (node.kind === 'cut') return cutLabels[node.reason];
  if (node.kind === 'reference') return `${toCode(node.name)}${node.nullable ? ' or null' : ''}`;
  let label: string;
  if (node.items) label = `array of ${toTypeLabel(node.items)}`;
  else if (node.choice && node.types.length === 0 && node.properties.length === 0) {
    label = `${node.choice.kind === 'oneOf' ? 'one of' : 'any of'} ${String(node.choice.variants.length)} types`;
  } else if (typeof node.additionalProperties === 'object' && node.properties.length === 0) {
    label = `map of ${toTypeLabel(node.additionalProperties)}`;
  } else label = (node.types.length > 0 ? node.types : [guessType(node)]).join(' or ');
  if (node.format !== undefined) label += ` (${toCode(node.format)})`;
  return node.nullable ? `${label} or null` : label;
}

const cutLabels: Readonly<Record<'cycle' | 'depth' | 'size', string>> = {
  cycle: 'loops back to a schema above',
  depth: 'nested too deep to show here: see the OpenAPI document',
  size: 'too large to show here: see the OpenAPI document',
};

function guessType(node: InlineSchema): string {
  if (node.properties.length > 0 || node.additionalProperties !== undefined) return 'object';
  const first = node.enum?.[0];
  if (first !== undefined) return Array.isArray(first) ? 'array' : typeof first;
  return 'any';
}

function expandRoot(node: SchemaNode, rendering: SchemaRendering): InlineSchema | undefined {
  if (node.kind === 'cut') return undefined;
  if (node.kind === 'schema') {
    if (node.items?.kind === 'reference') return toComponent(node.items, rendering) ?? node;
    return node;
  }
  return toComponent(node, rendering);
}

function toComponent(
  node: Extract<SchemaNode, { kind: 'reference' }>,
  rendering: SchemaRendering,
): InlineSchema | undefined {
  const schema = rendering.components.get(node.name)?.schema;
  return schema?.kind === 'schema' ? schema : undefined;
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

function renderChildren(node: InlineSchema, rendering: SchemaRendering, depth: number): string[] {
  const indent = '  '.repeat(depth);
  const lines: string[] = [];
  for (const property of node.properties) {
    if (isLeftOut(property, rendering)) continue;
    lines.push(...renderProperty(property, rendering, depth));
  }
  if (node.omitted > 0) lines.push(`${indent}- … and ${String(node.omitted)} more`);
  if (typeof node.additionalProperties === 'object' && node.properties.length > 0) {
    lines.push(`${indent}- any other property: ${toTypeLabel(node.additionalProperties)}`);
    lines.push(...renderNested(node.additionalProperties, rendering, depth + 1));
  }
  if (node.items?.kind === 'schema') lines.push(...renderChildren(node.items, rendering, depth));
  if (node.choice) {
    const word = node.choice.kind === 'oneOf' ? 'Exactly one of' : 'At least one of';
    const by = node.choice.discriminator
      ? ` (told apart by ${toCode(node.choice.discriminator)})`
      : '';
    lines.push(`${indent}- ${word}${by}:`);
    for (const variant of node.choice.variants) {
      const values =
        variant.discriminatorValues.length > 0
          ? ` when ${variant.discriminatorValues.map((value) => toCode(value)).join(', ')}`
          : '';
      lines.push(`${indent}  - ${toCode(variant.label)}${values}: ${toTypeLabel(variant.schema)}`);
      lines.push(...renderNested(variant.schema, rendering, depth + 2));
    }
  }
  for (const member of node.allOf) {
    lines.push(`${indent}- and also: ${toTypeLabel(member)}`);
    lines.push(...renderNested(member, rendering, depth + 1));
  }
  if (node.not) lines.push(`${indent}- must not be: ${toTypeLabel(node.not)}`);
  return lines;
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
  return [parts.join(''), ...renderNested(schema, rendering, depth + 1)];
}

function renderNested(node: SchemaNode, rendering: SchemaRendering, depth: number): string[] {
  return node.kind === 'schema' ? renderChildren(node, rendering, depth) : [];
}

function isLeftOut(property: SchemaProperty, rendering: SchemaRendering): boolean {
  const { schema } = property;
  if (schema.kind !== 'schema') return false;
  return (
    (rendering.direction === 'request' && schema.readOnly) ||
    (rendering.direction === 'response' && schema.writeOnly)
  );
}
