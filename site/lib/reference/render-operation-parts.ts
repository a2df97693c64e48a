import { STATUS_CODES } from 'node:http';
import type {
  ExampleDetails,
  HeaderDetails,
  MediaTypeDetails,
  ParameterDetails,
  RequestBodyDetails,
  ResponseDetails,
} from '../../../catalog/index.ts';
import { messages } from '../../i18n/messages.ts';
import { escapeHtml } from './escape-html.ts';
import { toInlineValue, toValueText } from './format-value.ts';
import { attribute } from './html-attributes.ts';
import { toSchemaRendering, type ReferenceContext } from './reference-context.ts';
import {
  renderFacts,
  renderSchemaChildren,
  renderSchemaRoot,
  toTypeLabel,
} from './render-schema.ts';

/**
 * What an operation takes and answers, as HTML strings (`render-operation.ts` writes the rest):
 * its parameters with where each goes, its type, bounds and example; its body per media type;
 * every response with its status, headers and media types; each media type's schema tree and
 * examples. Examples are literal data printed as text: nothing in them is fetched or run, and
 * an `externalValue` is an address shown, not a link followed.
 */

type Level = 4 | 5 | 6;

/** An operation's parameters; nothing when it has none. */
export function renderParameters(
  parameters: readonly ParameterDetails[],
  context: ReferenceContext,
  level: Level,
): string {
  if (parameters.length === 0) return '';
  const words = messages.reference;
  const rendering = toSchemaRendering(context, 'request');
  const lang = attribute('lang', context.lang);
  const items = parameters.map((parameter) => {
    const example = parameter.examples[0];
    const { schema } = parameter;
    const flags = [
      parameter.required
        ? ` <span class="schema-required">${escapeHtml(words.required)}</span>`
        : '',
      parameter.deprecated
        ? ` <span class="schema-flag deprecated">${escapeHtml(words.deprecated)}</span>`
        : '',
    ].join(' ');
    const exampleLine =
      example !== undefined && example.value !== undefined
        ? `<p class="schema-facts"> ${escapeHtml(words.example)} <code> ${escapeHtml(typeof example.value === 'string' ? example.value : toInlineValue(example.value))} </code> </p>`
        : '';
    return [
      `<li${attribute('data-parameter', parameter.name)}${attribute('data-in', parameter.in)}${attribute('data-required', parameter.required ? 'true' : undefined)}${attribute('data-example', example === undefined ? undefined : toExampleAttribute(example.value))}>`,
      `<p class="schema-property"> <code class="schema-name">${escapeHtml(parameter.name)}</code> <span class="schema-in">${escapeHtml(words.in)} ${escapeHtml(words.locations[parameter.in])}</span> <span class="schema-type">${toTypeLabel(schema, rendering)}</span> ${flags} </p>`,
      parameter.descriptionHtml
        ? `<div class="schema-description"${lang}>${parameter.descriptionHtml}</div>`
        : '',
      schema.kind === 'schema' ? renderFacts(schema, rendering.labels) : '',
      exampleLine,
      schema.kind === 'schema' ? renderSchemaChildren(schema, rendering) : '',
      '</li>',
    ].join(' ');
  });
  return `<h${String(level)} class="reference-heading">${escapeHtml(words.parameters)}</h${String(level)}> <ul class="schema-tree parameter-list"> ${items.join('')} </ul>`;
}

/** What "try it" prefills a parameter's field with: a string as written, anything else as JSON. */
function toExampleAttribute(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length <= 2000 ? text : undefined;
}

/** What an operation takes as a body, per media type; nothing when it takes none. */
export function renderRequestBody(
  body: RequestBodyDetails | undefined,
  context: ReferenceContext,
  level: Level,
): string {
  if (!body) return '';
  const words = messages.reference;
  const required = body.required
    ? `<span class="schema-required">${escapeHtml(words.required)}</span>`
    : '';
  return [
    `<h${String(level)} class="reference-heading">${escapeHtml(words.requestBody)}${required}</h${String(level)}>`,
    body.descriptionHtml
      ? `<div${attribute('lang', context.lang)}>${body.descriptionHtml}</div>`
      : '',
    body.contents.map((content) => renderMediaType(content, context, 'request')).join(''),
  ].join(' ');
}

/** Every response of an operation: status, description, headers and media types. */
export function renderResponses(
  responses: readonly ResponseDetails[],
  context: ReferenceContext,
  level: Level,
): string {
  if (responses.length === 0) return '';
  const words = messages.reference;
  const status = `h${String(Math.min(level + 1, 6))}`;
  const lang = attribute('lang', context.lang);
  const items = responses.map((response) => {
    const name = STATUS_CODES[response.status];
    return [
      `<div class="response"${attribute('data-status', response.status)}>`,
      `<${status} class="response-status"> <span${attribute('class', toStatusClass(response.status))}>${escapeHtml(response.status)}</span> ${name ? escapeHtml(` ${name}`) : ''}${response.status === 'default' ? escapeHtml(words.anyOther) : ''}</${status}>`,
      response.descriptionHtml ? `<div${lang}>${response.descriptionHtml}</div>` : '',
      renderHeaders(response.headers, context),
      response.contents.map((content) => renderMediaType(content, context, 'response')).join(''),
      '</div>',
    ].join(' ');
  });
  return `<h${String(level)} class="reference-heading">${escapeHtml(words.responses)}</h${String(level)}> ${items.join('')}`;
}

/** `2xx` for a status class colour; `default` and odd keys get none. */
function toStatusClass(status: string): string {
  const first = status.charAt(0);
  return /^[1-5]$/.test(first) ? `status status-${first}xx` : 'status';
}

function renderHeaders(headers: readonly HeaderDetails[], context: ReferenceContext): string {
  if (headers.length === 0) return '';
  const words = messages.reference;
  const rendering = toSchemaRendering(context, 'response');
  const items = headers.map((header) => {
    const example = header.examples[0];
    return [
      `<li> <p class="schema-property"> <code class="schema-name">${escapeHtml(header.name)}</code> ${header.schema ? `<span class="schema-type">${toTypeLabel(header.schema, rendering)}</span>` : ''} ${header.required ? ` <span class="schema-required">${escapeHtml(words.alwaysSent)}</span>` : ''} </p>`,
      header.descriptionHtml
        ? `<div class="schema-description"${attribute('lang', context.lang)}>${header.descriptionHtml}</div>`
        : '',
      example !== undefined && example.value !== undefined
        ? `<p class="schema-facts"> ${escapeHtml(words.example)}<code>${escapeHtml(toInlineValue(example.value))}</code> </p>`
        : '',
      '</li>',
    ].join(' ');
  });
  return `<p class="example-title">${escapeHtml(words.headers)}</p> <ul class="schema-tree"> ${items.join('')} </ul>`;
}

/** One media type of a body or response: its schema as a tree, then its examples. */
function renderMediaType(
  content: MediaTypeDetails,
  context: ReferenceContext,
  direction: 'request' | 'response',
): string {
  const tree = content.schema
    ? `<div class="schema-root">${renderSchemaRoot(content.schema, toSchemaRendering(context, direction))}</div>`
    : '';
  return `<div class="media-type"${attribute('data-media-type', content.mediaType)}> <p class="media-type-name"><code>${escapeHtml(content.mediaType)}</code></p> ${tree} ${renderExamples(content.examples, content.mediaType, context.lang, direction === 'request')} </div>`;
}

/**
 * The examples of a body or a response: the first shown as it would be sent, others folded
 * under their names, five at most. `isRequest` marks the first as the one "try it" prefills a
 * body with.
 */
function renderExamples(
  examples: readonly ExampleDetails[],
  mediaType: string,
  lang: string | undefined,
  isRequest: boolean,
): string {
  const words = messages.reference;
  const shown = examples.slice(0, 5);
  const rest = examples.length - shown.length;
  const items = shown.map((example, index) => {
    const value =
      example.value === undefined ? undefined : toValueText(example.value, { mediaType });
    const title = example.summary ?? example.name;
    const body = [
      example.descriptionHtml
        ? `<div${attribute('lang', lang)}>${example.descriptionHtml}</div>`
        : '',
      value
        ? `<pre class="example"${attribute('data-example-body', isRequest && index === 0 ? 'true' : undefined)}><code>${escapeHtml(value.text)}</code></pre>`
        : '',
      value && value.cut > 0
        ? `<p class="meta"> ${escapeHtml(words.cut(value.cut.toLocaleString(messages.locale)))} </p>`
        : '',
      example.externalValue !== undefined
        ? `<p class="meta"> ${escapeHtml(words.external)}<code>${escapeHtml(example.externalValue)}</code>. </p>`
        : '',
    ].join(' ');
    if (index === 0) {
      const heading = title ? words.exampleTitle(title) : words.exampleAlone;
      return ` <div data-pagefind-ignore> <p class="example-title">${escapeHtml(heading)}</p> ${body} </div> `;
    }
    const heading = title ? words.exampleTitle(title) : words.exampleNumber(index + 1);
    return `<details class="example-more" data-pagefind-ignore> <summary>${escapeHtml(heading)}</summary> ${body} </details>`;
  });
  const more =
    rest > 0
      ? `<p class="meta" data-pagefind-ignore> ${escapeHtml(words.moreExamples(rest))} </p>`
      : '';
  return `${items.join('')} ${more}`;
}
