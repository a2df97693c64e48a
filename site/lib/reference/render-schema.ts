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
  /** The tree's words in the interface's language (`messages.schemaTree`). */
  labels: SchemaLabels;
  /** Language of the owners' descriptions, for their `lang`. */
  lang?: string | undefined;
}

/** The words a schema tree is written with, one set per interface language. */
export interface SchemaLabels {
  arrayOf: (type: string) => string;
  choiceOf: (kind: 'oneOf' | 'anyOf', count: number) => string;
  mapOf: (type: string) => string;
  or: string;
  orNull: string;
  cut: Readonly<Record<'cycle' | 'depth' | 'size', string>>;
  includes: (types: string) => string;
  omitted: (count: number) => string;
  choiceIntro: (kind: 'oneOf' | 'anyOf') => string;
  toldApartBy: (code: string) => string;
  allOf: string;
  eachItem: string;
  eachValue: string;
  required: string;
  readOnly: string;
  writeOnly: string;
  deprecated: string;
  allowed: string;
  andMore: (count: number) => string;
  pattern: string;
  default: string;
  example: string;
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
    description
      ? `<div class="schema-description"${toLangAttribute(rendering)}>${description}</div>`
      : '',
    renderFacts(expanded, rendering.labels),
    renderChildren(expanded, rendering),
  ].join('');
}

/** A one-line type: `string (date-time)`, `array of <a>Pet</a>`, `object or null`. */
export function toTypeLabel(node: SchemaNode, rendering: SchemaRendering): string {
  if (node.kind === 'cut')
    return `<span class="schema-cut">${rendering.labels.cut[node.reason]}</span>`;
  if (node.kind === 'reference') {
    return `<a href="${escapeHtml(rendering.schemaHref(node.anchor))}">${escapeHtml(node.name)}</a>${node.nullable ? rendering.labels.orNull : ''}`;
  }
  let label: string;
  if (node.items) {
    label = rendering.labels.arrayOf(toTypeLabel(node.items, rendering));
  } else if (node.choice && node.types.length === 0 && node.properties.length === 0) {
    label = rendering.labels.choiceOf(node.choice.kind, node.choice.variants.length);
  } else if (typeof node.additionalProperties === 'object' && node.properties.length === 0) {
    label = rendering.labels.mapOf(toTypeLabel(node.additionalProperties, rendering));
  } else {
    const types = node.types.length > 0 ? node.types : [guessType(node)];
    label = escapeHtml(types.join(rendering.labels.or));
  }
  if (node.format !== undefined) label += ` (${escapeHtml(node.format)})`;
  return node.nullable ? `${label}${rendering.labels.orNull}` : label;
}

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
      `<p class="schema-note">${rendering.labels.includes(
        node.inherits.map((from) => toTypeLabel(from, rendering)).join(', '),
      )}</p>`,
    );
  }
  const properties = node.properties.filter((property) => isShown(property, rendering));
  if (properties.length > 0 || node.omitted > 0) {
    parts.push(
      `<ul class="schema-tree">${properties.map((property) => renderProperty(property, rendering)).join('')}${
        node.omitted > 0
          ? `<li class="schema-omitted">${rendering.labels.omitted(node.omitted)}</li>`
          : ''
      }</ul>`,
    );
  }
  if (node.choice && node.choice.variants.length > 0) {
    const { choice } = node;
    const intro = rendering.labels.choiceIntro(choice.kind);
    const by =
      choice.discriminator === undefined
        ? ''
        : rendering.labels.toldApartBy(`<code>${escapeHtml(choice.discriminator)}</code>`);
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
      `<p class="schema-note">${rendering.labels.allOf}</p><ul class="schema-variants">${node.allOf
        .map(
          (member) =>
            `<li>${toTypeLabel(member, rendering)}${member.kind === 'schema' ? renderNested(member, rendering) : ''}</li>`,
        )
        .join('')}</ul>`,
    );
  }
  if (node.items?.kind === 'schema' && hasChildren(node.items)) {
    parts.push(
      `<p class="schema-note">${rendering.labels.eachItem}</p>${renderNested(node.items, rendering)}`,
    );
  }
  if (
    typeof node.additionalProperties === 'object' &&
    node.additionalProperties.kind === 'schema' &&
    hasChildren(node.additionalProperties)
  ) {
    parts.push(
      `<p class="schema-note">${rendering.labels.eachValue}</p>${renderNested(node.additionalProperties, rendering)}`,
    );
  }
  return parts.join('');
}

function renderProperty(property: SchemaProperty, rendering: SchemaRendering): string {
  const { schema } = property;
  const flags: string[] = [];
  const { labels } = rendering;
  if (property.required) flags.push(`<span class="schema-required">${labels.required}</span>`);
  if (schema.kind === 'schema') {
    if (schema.readOnly) flags.push(`<span class="schema-flag">${labels.readOnly}</span>`);
    if (schema.writeOnly) flags.push(`<span class="schema-flag">${labels.writeOnly}</span>`);
    if (schema.deprecated)
      flags.push(`<span class="schema-flag deprecated">${labels.deprecated}</span>`);
  }
  const description =
    schema.kind === 'cut'
      ? ''
      : schema.descriptionHtml
        ? `<div class="schema-description"${toLangAttribute(rendering)}>${schema.descriptionHtml}</div>`
        : '';
  return `<li><p class="schema-property"><code class="schema-name">${escapeHtml(property.name)}</code> <span class="schema-type">${toTypeLabel(schema, rendering)}</span>${flags.length > 0 ? ` ${flags.join(' ')}` : ''}</p>${description}${schema.kind === 'schema' ? renderFacts(schema, rendering.labels) + renderNested(schema, rendering) : ''}</li>`;
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
export function renderFacts(node: InlineSchema, labels: SchemaLabels): string {
  const facts: string[] = [];
  if (node.enum && node.enum.length > 0) {
    const shown = node.enum
      .slice(0, enumLimit)
      .map((value) => `<code>${escapeHtml(toInlineValue(value))}</code>`);
    const more = node.enum.length - shown.length;
    facts.push(`${labels.allowed}${shown.join(', ')}${more > 0 ? labels.andMore(more) : ''}`);
  }
  if (node.constraints.length > 0) facts.push(escapeHtml(node.constraints.join(', ')));
  if (node.pattern !== undefined)
    facts.push(`${labels.pattern}<code>${escapeHtml(node.pattern)}</code>`);
  if (node.default !== undefined) {
    facts.push(`${labels.default}<code>${escapeHtml(toInlineValue(node.default.value))}</code>`);
  }
  const example = node.examples[0];
  if (example !== undefined && (typeof example !== 'object' || example === null)) {
    facts.push(`${labels.example}<code>${escapeHtml(toInlineValue(example))}</code>`);
  }
  // Bounds and values help a reader, not a search: kept out of the index.
  return facts.length === 0
    ? ''
    : `<p class="schema-facts" data-pagefind-ignore>${facts.join(' · ')}</p>`;
}

// Owners' descriptions keep their own language inside the interface's labels.
function toLangAttribute(rendering: SchemaRendering): string {
  return rendering.lang === undefined ? '' : ` lang="${escapeHtml(rendering.lang)}"`;
}
