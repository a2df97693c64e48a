import type { SecurityRequirement } from '../../../catalog/index.ts';
import { toCredentialNeeds } from '../../../catalog/sandbox-credentials.ts';
import { messages } from '../../i18n/messages.ts';
import type { RequestDraft } from '../../scripts/har-request.ts';
import {
  searchWordAttributes,
  toPathSearchWord,
  toSummarySearchWord,
} from '../../scripts/search-words.ts';
import { statefulRoleLabels } from '../stateful-roles.ts';
import { ui } from '../theme.ts';
import { toCodeSamples } from './code-samples.ts';
import { describeScheme } from './describe-scheme.ts';
import { escapeHtml } from './escape-html.ts';
import { attribute, flag } from './html-attributes.ts';
import type { ReferenceEntry } from './plan-pages.ts';
import type { ReferenceContext } from './reference-context.ts';
import { renderParameters, renderRequestBody, renderResponses } from './render-operation-parts.ts';
import { toRequestDraft } from './request-draft.ts';
import { searchWeights } from './search-weights.ts';
import { toTryItForm } from './try-it-form.ts';

/**
 * One operation (or webhook) as static HTML: its heading carries the operation's anchor, so
 * links and search results land on it, then how to authenticate, its code samples and "try it",
 * what it takes and what it answers. Written as one string rather than a dozen Astro
 * components per operation: the corpus's pages hold 9,222 operations, and the components'
 * rendering, not the data, was most of what they cost the build. Owners' names and values are
 * escaped here; descriptions are the catalog's sanitised HTML.
 */
export function renderOperation(
  entry: ReferenceEntry,
  context: ReferenceContext,
  level: 3 | 4,
): string {
  const { operation, details } = entry;
  const heading = level === 3 ? 'h3' : 'h4';
  const inner = (level + 1) as 4 | 5;
  const lang = attribute('lang', context.lang);
  // One request for the samples and the form, so sending the form as it starts is what they show.
  const draft =
    operation.kind === 'operation'
      ? toRequestDraft(entry, context, context.sandboxBaseUrl)
      : undefined;
  const operationId =
    operation.operationId === undefined || operation.operationId === ''
      ? ''
      : `<span class="meta"> operationId <code${attribute('data-pagefind-weight', searchWeights.operationId)}>${escapeHtml(operation.operationId)}</code> </span>`;
  const pathWords =
    attribute(searchWordAttributes.path, toPathSearchWord(operation.path)) +
    attribute(searchWordAttributes.summary, toSummarySearchWord(operation.summary)) +
    attribute(
      'data-pagefind-index-attrs',
      `${searchWordAttributes.path},${searchWordAttributes.summary}`,
    );
  return [
    `<div class="operation"${attribute('data-operation', operation.anchor)}>`,
    `<${heading}${attribute('id', operation.anchor)}${lang}${attribute('data-pagefind-weight', searchWeights.operationSummary)}>${escapeHtml(operation.summary)}</${heading}>`,
    `<p class="operation-line">`,
    `<span${attribute('class', `method method-${operation.method.toLowerCase()}`)}>${escapeHtml(operation.method)}</span>`,
    `<code class="operation-path"${attribute('data-pagefind-weight', searchWeights.operationPath)}${pathWords}>${escapeHtml(operation.path)}</code>`,
    renderBadges(entry),
    operationId,
    '</p>',
    operation.descriptionHtml ? `<div${lang}>${operation.descriptionHtml}</div>` : '',
    renderSecurity(details.security, context),
    draft ? `${renderSamples(entry, draft, inner)} ${renderTryIt(entry, context, draft)}` : '',
    renderParameters(details.parameters, context, inner),
    renderRequestBody(details.requestBody, context, inner),
    renderResponses(details.responses, context, inner),
    '</div>',
  ].join(' ');
}

/** Operations one after the other, as a tag's group or a page lists them. */
export function renderOperations(
  entries: readonly ReferenceEntry[],
  context: ReferenceContext,
  level: 3 | 4,
): string {
  return entries.map((entry) => renderOperation(entry, context, level)).join('');
}

/** The marks beside an operation's method and path: deprecated, answered from stored objects. */
function renderBadges({ operation }: ReferenceEntry): string {
  const marks: string[] = [];
  if (operation.deprecated) {
    marks.push(
      `<span${attribute('class', `${ui.badge('warning')} lifecycle-deprecated`)}>${escapeHtml(messages.reference.deprecatedBadge)}</span>`,
    );
  }
  const { stateful } = operation;
  if (stateful) {
    const title = `The sandbox ${statefulRoleLabels[stateful.role]} your own objects of ${stateful.resource}`;
    marks.push(
      `<span${attribute('class', `${ui.badge('info')} stateful`)}${attribute('title', title)}${attribute('data-stateful', stateful.role)}>${escapeHtml(messages.reference.stateful)}</span>`,
    );
  }
  return marks.join(' ');
}

/** How the document says to authenticate for one operation: schemes and scopes. */
function renderSecurity(security: SecurityRequirement[], context: ReferenceContext): string {
  if (security.length === 0) return '';
  const words = messages.reference;
  const ways = security.map((requirement, index) => {
    const or = index > 0 ? escapeHtml(words.or) : '';
    if (requirement.schemes.length === 0) return `${or} ${escapeHtml(words.none)}`;
    const schemes = requirement.schemes.map((item, position) => {
      const scheme = context.schemes.get(item.name);
      const and = position > 0 ? escapeHtml(words.andScheme) : '';
      const name = scheme
        ? `<a${attribute('href', context.links.scheme(scheme.anchor))}>${escapeHtml(item.name)}</a>`
        : `<code>${escapeHtml(item.name)}</code>`;
      const kind = scheme ? escapeHtml(` (${describeScheme(scheme, words.schemes)})`) : '';
      const scopes =
        item.scopes.length === 0
          ? ''
          : ` ${escapeHtml(words.withScope(item.scopes.length))} ${item.scopes
              .map((scope, at) => `${at > 0 ? ' , ' : ''}<code>${escapeHtml(scope)}</code>`)
              .join('')}`;
      return `${and} ${name} ${kind} ${scopes}`;
    });
    return `${or} ${schemes.join(' ')}`;
  });
  return `<p class="operation-security"> <span class="label">${escapeHtml(words.authentication)}</span> ${ways.join(' ')} </p>`;
}

/**
 * An operation's request in five languages, generated with Scalar's snippetz and filled with
 * the version's real sandbox URL. The key stays `YOUR_KEY` on the page (a trial key is shown
 * once, when it is issued); the copy buttons put the key the browser holds in its place.
 * Without JavaScript every sample is there, curl open, the others one click away.
 */
function renderSamples(entry: ReferenceEntry, draft: RequestDraft, level: 4 | 5): string {
  const words = messages.reference;
  const anchor = entry.operation.anchor;
  const samples = toCodeSamples(draft).map((sample, index) => {
    const id = `sample-${sample.id}-${anchor}`;
    const label = words.theSample(sample.label);
    return `<details class="code-sample"${attribute('data-sample', sample.id)}${flag('open', index === 0)}> <summary>${escapeHtml(sample.label)}</summary> <pre><code${attribute('id', id)} data-sample-code>${escapeHtml(sample.code)}</code></pre> <button type="button" class="secondary"${attribute('data-copy-sample', id)}${attribute('data-copy-label', label)} hidden> ${escapeHtml(words.copy)} <span class="visually-hidden">${escapeHtml(label)}</span> </button> </details>`;
  });
  return `<div class="code-samples" data-code-samples data-pagefind-ignore> <h${String(level)} class="reference-heading">${escapeHtml(words.samples)}</h${String(level)}> <p class="meta" data-samples-key hidden></p> ${samples.join('')} </div>`;
}

/**
 * A light "try it" for one operation: a form made from the document (path, query and header
 * parameters, a body editor prefilled with the example) that the reference page's script sends
 * to the sandbox with the credentials its security asks for, showing the answer and the same
 * request with curl. A plain form, labelled field by field; hidden without JavaScript, which
 * it needs.
 */
function renderTryIt(
  entry: ReferenceEntry,
  context: ReferenceContext,
  draft: RequestDraft,
): string {
  const words = messages.reference;
  const { operation } = entry;
  const form = toTryItForm(
    entry,
    context.components,
    draft,
    toCredentialNeeds(context.version, operation),
  );
  const fields = form.fields.map((field) => {
    const where = words.locations[field.in];
    const label = field.required ? words.fieldRequired(where) : where;
    return `<div class="try-field"> <label${attribute('for', field.id)}> <code>${escapeHtml(field.name)}</code> (${escapeHtml(label)}) </label> <input${attribute('id', field.id)} type="text"${attribute('data-in', field.in)}${attribute('data-name', field.name)}${attribute('value', field.value)}${attribute('placeholder', field.placeholder === '' ? undefined : field.placeholder)}${flag('required', field.required)} autocomplete="off" spellcheck="false"> </div>`;
  });
  const { body } = form;
  const bodyField = body
    ? `<div class="try-field"> <label${attribute('for', body.id)}> ${escapeHtml(words.body)} (<code>${escapeHtml(body.mediaType)}</code>) </label> <textarea${attribute('id', body.id)} data-body${attribute('data-media-type', body.mediaType)}${attribute('rows', Math.min(14, Math.max(3, body.text.split('\n').length)))} spellcheck="false">${escapeHtml(body.text)}</textarea> </div>`
    : '';
  return [
    `<details class="try-it" data-try-it data-pagefind-ignore hidden> <summary>${escapeHtml(words.tryIt)}</summary>`,
    `<form data-try-form${attribute('data-method', operation.method)}${attribute('data-path', operation.path)}${attribute('data-credentials', JSON.stringify(form.needs))}> <p class="meta" data-try-key></p>`,
    `${fields.join('')} ${bodyField} <button type="submit">${escapeHtml(words.send)}</button> </form>`,
    `<section class="try-result" data-try-result${attribute('aria-label', words.answer)} hidden> <p>${escapeHtml(words.status)}<strong data-try-status></strong></p> <p class="try-label">${escapeHtml(words.headers)}</p> <pre tabindex="0"><code data-try-headers></code></pre> <p class="try-label">${escapeHtml(words.body)}</p> <pre tabindex="0"><code data-try-body></code></pre> <p class="try-label">${escapeHtml(words.curl)}</p> <pre tabindex="0"><code data-try-curl></code></pre> </section> </details>`,
  ].join(' ');
}
