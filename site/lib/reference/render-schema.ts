import type {
  ComponentSchema,
  InlineSchema,
  SchemaNode,
  SchemaProperty,
} from '../../../catalog/index.ts';
import {
  expandSchemaRoot,
  hasSchemaChildren,
  toRootDescription,
  walkSchemaChildren,
  writeTypeLabel,
  type SchemaChildrenWriter,
  type SchemaDirection,
  type TypeLabelWriter,
} from '../../../catalog/reference/schema-walk.ts';
import { escapeHtml } from './escape-html.ts';
import { toInlineValue } from './format-value.ts';

/**
 * Schema trees as HTML, written as strings rather than one Astro component per node: the
 * corpus's documents hold about a million nodes, and the build must stay fast. The walk (roots,
 * directions, the order of children) is `schema-walk.ts`, shared with the Markdown twins; this
 * file writes HTML. Names, values and media types are escaped here; descriptions are the
 * catalog's sanitised HTML.
 */

/** What rendering a tree needs to know about the page it lands on. */
export interface SchemaRendering {
  /** Component schemas by name, to expand a body's top-level reference. */
  components: ReadonlyMap<string, ComponentSchema>;
  /** Where a component's section is: `#schema-pet`, or on the schemas page of a split API. */
  schemaHref: (anchor: string) => string;
  /** Requests leave read-only properties out, responses write-only ones. */
  direction: SchemaDirection;
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
  const expanded = expandSchemaRoot(node, rendering.components);
  const label = `<p class="schema-type">${toTypeLabel(node, rendering)}</p>`;
  if (!expanded) return label;
  const description = toRootDescription(node, expanded);
  return (
    label +
    (description
      ? `<div class="schema-description"${toLangAttribute(rendering)}>${description}</div>`
      : '') +
    renderExpanded(expanded, rendering)
  );
}

/** A one-line type: `string (date-time)`, `array of <a>Pet</a>`, `object or null`. */
export function toTypeLabel(node: SchemaNode, rendering: SchemaRendering): string {
  return writeTypeLabel(node, toWriters(rendering).label);
}

/** What lies under an inline schema (a parameter's object or array), if anything. */
export function renderSchemaChildren(node: InlineSchema, rendering: SchemaRendering): string {
  return renderNested(node, rendering);
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

/**
 * An expanded root's facts and children. A component is the root of every body and response
 * that references it (an `Error` answers most operations of an API): its tree is written once
 * per rendering and reused, and a page prints the same HTML each time.
 */
function renderExpanded(expanded: InlineSchema, rendering: SchemaRendering): string {
  const writers = toWriters(rendering);
  let html = writers.roots.get(expanded);
  if (html === undefined) {
    html = renderFacts(expanded, rendering.labels) + renderChildren(expanded, rendering);
    writers.roots.set(expanded, html);
  }
  return html;
}

/** What lies under a schema: merged parents, properties, variants, `allOf` members, items. */
function renderChildren(node: InlineSchema, rendering: SchemaRendering): string {
  return walkSchemaChildren(node, rendering.direction, toWriters(rendering).children).join('');
}

/** An inline schema's own children, under a property or variant. */
function renderNested(node: InlineSchema, rendering: SchemaRendering): string {
  return hasSchemaChildren(node) ? renderChildren(node, rendering) : '';
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

/** The writers of one rendering, and the roots it has written, made once per rendering. */
interface HtmlWriters {
  label: TypeLabelWriter;
  children: SchemaChildrenWriter<string>;
  roots: WeakMap<InlineSchema, string>;
}

const writersOf = new WeakMap<SchemaRendering, HtmlWriters>();

function toWriters(rendering: SchemaRendering): HtmlWriters {
  let writers = writersOf.get(rendering);
  if (!writers) {
    writers = createWriters(rendering);
    writersOf.set(rendering, writers);
  }
  return writers;
}

function createWriters(rendering: SchemaRendering): HtmlWriters {
  const { labels } = rendering;
  const label: TypeLabelWriter = {
    cut: (reason) => `<span class="schema-cut">${labels.cut[reason]}</span>`,
    reference: (node) =>
      `<a href="${escapeHtml(rendering.schemaHref(node.anchor))}">${escapeHtml(node.name)}</a>`,
    arrayOf: labels.arrayOf,
    choiceOf: labels.choiceOf,
    mapOf: labels.mapOf,
    types: (types) => escapeHtml(types.join(labels.or)),
    format: (format) => ` (${escapeHtml(format)})`,
    orNull: labels.orNull,
  };
  const typeOf = (node: SchemaNode): string => writeTypeLabel(node, label);
  const nested = (node: SchemaNode): string =>
    node.kind === 'schema' ? renderNested(node, rendering) : '';
  const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;
  const children: SchemaChildrenWriter<string> = {
    inherits: (from) =>
      `<p class="schema-note">${labels.includes(from.map(typeOf).join(', '))}</p>`,
    properties: (shown, omitted) =>
      `<ul class="schema-tree">${shown.map((property) => renderProperty(property, rendering)).join('')}${
        omitted > 0 ? `<li class="schema-omitted">${labels.omitted(omitted)}</li>` : ''
      }</ul>`,
    choice: (choice) => {
      const by =
        choice.discriminator === undefined ? '' : labels.toldApartBy(code(choice.discriminator));
      const variants = choice.variants.map((variant) => {
        const values =
          variant.discriminatorValues.length === 0
            ? ''
            : ` (${choice.discriminator === undefined ? '' : `${code(choice.discriminator)} = `}${variant.discriminatorValues.map(code).join(', ')})`;
        const name =
          variant.schema.kind === 'reference' ? typeOf(variant.schema) : escapeHtml(variant.label);
        return `<li><span class="schema-variant">${name}</span>${values}${nested(variant.schema)}</li>`;
      });
      return `<p class="schema-note">${labels.choiceIntro(choice.kind)}${by}:</p><ul class="schema-variants">${variants.join('')}</ul>`;
    },
    allOf: (members) =>
      `<p class="schema-note">${labels.allOf}</p><ul class="schema-variants">${members
        .map((member) => `<li>${typeOf(member)}${nested(member)}</li>`)
        .join('')}</ul>`,
    items: (items) =>
      hasSchemaChildren(items)
        ? `<p class="schema-note">${labels.eachItem}</p>${renderChildren(items, rendering)}`
        : undefined,
    additionalProperties: (values) =>
      values.kind === 'schema' && hasSchemaChildren(values)
        ? `<p class="schema-note">${labels.eachValue}</p>${renderChildren(values, rendering)}`
        : undefined,
    // `not` says what a value must not be: the pages leave it to the console.
    not: () => undefined,
  };
  return { label, children, roots: new WeakMap() };
}

// Owners' descriptions keep their own language inside the interface's labels.
function toLangAttribute(rendering: SchemaRendering): string {
  return rendering.lang === undefined ? '' : ` lang="${escapeHtml(rendering.lang)}"`;
}
