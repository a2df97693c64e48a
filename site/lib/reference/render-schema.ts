import type {
  ComponentSchema,
  InlineSchema,
  SchemaNode,
  SchemaProperty,
} from '../../../catalog/index.ts';
import { escapeHtml } from './escape-html.ts';
import { toInlineValue } from './format-value.ts';

/**
 * Schema trees as HTML, written as strings rather than one Astro component per node: the
 * corpus's documents hold about a million nodes, and the build must stay fast. Names, values and
 * media types are escaped here; descriptions are the catalog's sanitised HTML.
 */

/** What rendering a tree needs to know about the page it lands on. */
export interface SchemaRendering {
  /** Component schemas by name, to expand a body's top-level reference. */
  components: ReadonlyMap<string, ComponentSchema>;
  /** Where a component's section is: `#schema-pet`, or on the schemas page of a split API. */
  schemaHref: (anchor: string) => string;
  /** Requests leave read-only properties out, responses write-only ones. */
  direction: 'request' | 'response' | 'any';
}

/** Enum values shown before "and N more". */
const enumLimit = 40;

/**
 * The tree of a body, a response or a component: its type, and, for an object, its
 * properties. A top-level reference (or array of one) is expanded once, so an operation shows
 * the fields it takes and answers; deeper references are links to their component's section.
 */
export function renderSchemaRoot(node: SchemaNode, rendering: SchemaRendering): string {
  const expanded = expandRoot(node, rendering);
  const label = `<p class="schema-type">${toTypeLabel(node, rendering)}</p>`;
  if (!expanded) return label;
  const description =
    (node.kind === 'reference' ? node.descriptionHtml : '') || expanded.descriptionHtml;
  return [
    label,
    description ? `<div class="schema-description">${description}</div>` : '',
    renderFacts(expanded),
    renderChildren(expanded, rendering),
  ].join('');
}

/** A one-line type: `string (date-time)`, `array of <a>Pet</a>`, `object or null`. */
export function toTypeLabel(node: SchemaNode, rendering: SchemaRendering): string {
  if (node.kind === 'cut') return `<span class="schema-cut">${cutLabels[node.reason]}</span>`;
  if (node.kind === 'reference') {
    return `<a href="${escapeHtml(rendering.schemaHref(node.anchor))}">${escapeHtml(node.name)}</a>${node.nullable ? ' or null' : ''}`;
  }
  let label: string;
  if (node.items) {
    label = `array of ${toTypeLabel(node.items, rendering)}`;
  } else if (node.choice && node.types.length === 0 && node.properties.length === 0) {
    label = `${node.choice.kind === 'oneOf' ? 'one of' : 'any of'} ${String(node.choice.variants.length)} types`;
  } else if (typeof node.additionalProperties === 'object' && node.properties.length === 0) {
    label = `map of ${toTypeLabel(node.additionalProperties, rendering)}`;
  } else {
    const types = node.types.length > 0 ? node.types : [guessType(node)];
    label = escapeHtml(types.join(' or '));
  }
  if (node.format !== undefined) label += ` (${escapeHtml(node.format)})`;
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

/** The schema a root stands for: a reference's component, an array's items, else itself. */
function expandRoot(node: SchemaNode, rendering: SchemaRendering): InlineSchema | undefined {
  if (node.kind === 'reference') return toComponent(node.name, rendering);
  if (node.kind !== 'schema') return undefined;
  if (node.items?.kind === 'reference' && node.properties.length === 0) {
    return toComponent(node.items.name, rendering);
  }
  return node;
}

function toComponent(name: string, rendering: SchemaRendering): InlineSchema | undefined {
  const schema = rendering.components.get(name)?.schema;
  return schema?.kind === 'schema' ? schema : undefined;
}

/** What lies under a schema: properties, variants, unmerged `allOf` members, array items. */
function renderChildren(node: InlineSchema, rendering: SchemaRendering): string {
  const parts: string[] = [];
  if (node.inherits.length > 0) {
    parts.push(
      `<p class="schema-note">Includes the properties of ${node.inherits
        .map((from) => toTypeLabel(from, rendering))
        .join(', ')}.</p>`,
    );
  }
  const properties = node.properties.filter((property) => isShown(property, rendering));
  if (properties.length > 0 || node.omitted > 0) {
    parts.push(
      `<ul class="schema-tree">${properties.map((property) => renderProperty(property, rendering)).join('')}${
        node.omitted > 0
          ? `<li class="schema-omitted">${String(node.omitted)} more not shown here: see the OpenAPI document</li>`
          : ''
      }</ul>`,
    );
  }
  if (node.choice && node.choice.variants.length > 0) {
    const { choice } = node;
    const intro = choice.kind === 'oneOf' ? 'Exactly one of' : 'One or more of';
    const by =
      choice.discriminator === undefined
        ? ''
        : `, told apart by <code>${escapeHtml(choice.discriminator)}</code>`;
    parts.push(
      `<p class="schema-note">${intro}${by}:</p><ul class="schema-variants">${choice.variants
        .map((variant) => {
          const values =
            variant.discriminatorValues.length === 0
              ? ''
              : ` (${choice.discriminator === undefined ? '' : `<code>${escapeHtml(choice.discriminator)}</code> = `}${variant.discriminatorValues.map((value) => `<code>${escapeHtml(value)}</code>`).join(', ')})`;
          const body =
            variant.schema.kind === 'schema' ? renderNested(variant.schema, rendering) : '';
          return `<li><span class="schema-variant">${variant.schema.kind === 'reference' ? toTypeLabel(variant.schema, rendering) : escapeHtml(variant.label)}</span>${values}${body}</li>`;
        })
        .join('')}</ul>`,
    );
  }
  if (node.allOf.length > 0) {
    parts.push(
      `<p class="schema-note">Also matches all of:</p><ul class="schema-variants">${node.allOf
        .map(
          (member) =>
            `<li>${toTypeLabel(member, rendering)}${member.kind === 'schema' ? renderNested(member, rendering) : ''}</li>`,
        )
        .join('')}</ul>`,
    );
  }
  if (node.items?.kind === 'schema' && hasChildren(node.items)) {
    parts.push(`<p class="schema-note">Each item:</p>${renderNested(node.items, rendering)}`);
  }
  if (
    typeof node.additionalProperties === 'object' &&
    node.additionalProperties.kind === 'schema' &&
    hasChildren(node.additionalProperties)
  ) {
    parts.push(
      `<p class="schema-note">Each value:</p>${renderNested(node.additionalProperties, rendering)}`,
    );
  }
  return parts.join('');
}

function renderProperty(property: SchemaProperty, rendering: SchemaRendering): string {
  const { schema } = property;
  const flags: string[] = [];
  if (property.required) flags.push('<span class="schema-required">required</span>');
  if (schema.kind === 'schema') {
    if (schema.readOnly) flags.push('<span class="schema-flag">read-only</span>');
    if (schema.writeOnly) flags.push('<span class="schema-flag">write-only</span>');
    if (schema.deprecated) flags.push('<span class="schema-flag deprecated">deprecated</span>');
  }
  const description =
    schema.kind === 'cut'
      ? ''
      : schema.descriptionHtml
        ? `<div class="schema-description">${schema.descriptionHtml}</div>`
        : '';
  return `<li><p class="schema-property"><code class="schema-name">${escapeHtml(property.name)}</code> <span class="schema-type">${toTypeLabel(schema, rendering)}</span>${flags.length > 0 ? ` ${flags.join(' ')}` : ''}</p>${description}${schema.kind === 'schema' ? renderFacts(schema) + renderNested(schema, rendering) : ''}</li>`;
}

/** What lies under an inline schema (a parameter's object or array), if anything. */
export function renderSchemaChildren(node: InlineSchema, rendering: SchemaRendering): string {
  return renderNested(node, rendering);
}

/** An inline schema's own children, under a property or variant. */
function renderNested(node: InlineSchema, rendering: SchemaRendering): string {
  return hasChildren(node) ? renderChildren(node, rendering) : '';
}

function hasChildren(node: InlineSchema): boolean {
  return (
    node.properties.length > 0 ||
    node.omitted > 0 ||
    node.inherits.length > 0 ||
    node.allOf.length > 0 ||
    (node.choice?.variants.length ?? 0) > 0 ||
    (node.items?.kind === 'schema' && hasChildren(node.items)) ||
    (typeof node.additionalProperties === 'object' &&
      node.additionalProperties.kind === 'schema' &&
      hasChildren(node.additionalProperties))
  );
}

function isShown(property: SchemaProperty, rendering: SchemaRendering): boolean {
  if (property.schema.kind !== 'schema') return true;
  if (rendering.direction === 'request') return !property.schema.readOnly;
  if (rendering.direction === 'response') return !property.schema.writeOnly;
  return true;
}

/** Allowed values, bounds, pattern, default and examples, on one line. */
export function renderFacts(node: InlineSchema): string {
  const facts: string[] = [];
  if (node.enum && node.enum.length > 0) {
    const shown = node.enum
      .slice(0, enumLimit)
      .map((value) => `<code>${escapeHtml(toInlineValue(value))}</code>`);
    const more = node.enum.length - shown.length;
    facts.push(`Allowed: ${shown.join(', ')}${more > 0 ? ` and ${String(more)} more` : ''}`);
  }
  if (node.constraints.length > 0) facts.push(escapeHtml(node.constraints.join(', ')));
  if (node.pattern !== undefined) facts.push(`Pattern: <code>${escapeHtml(node.pattern)}</code>`);
  if (node.default !== undefined) {
    facts.push(`Default: <code>${escapeHtml(toInlineValue(node.default.value))}</code>`);
  }
  const example = node.examples[0];
  if (example !== undefined && (typeof example !== 'object' || example === null)) {
    facts.push(`Example: <code>${escapeHtml(toInlineValue(example))}</code>`);
  }
  // Bounds and values help a reader, not a search: kept out of the index.
  return facts.length === 0
    ? ''
    : `<p class="schema-facts" data-pagefind-ignore>${facts.join(' · ')}</p>`;
}
