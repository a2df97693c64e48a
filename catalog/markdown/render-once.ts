import { renderMarkdown } from './render-markdown.ts';

/**
 * The sanitised HTML of each distinct Markdown text of one document, rendered once for every
 * reader of that document in the process: the reference's reader (`describeVersion`) and the
 * console's document both render the descriptions of the same bundled document, and on the
 * 122-document corpus rendering Markdown was the largest part of each. Kept as long as the
 * document object lives (the build drops its documents when it is done with them); the keys are
 * the document's own strings and the values the HTML the reference keeps anyway.
 */
const renderedBy = new WeakMap<object, Map<string, string>>();

/**
 * `renderMarkdown(markdown).html`, remembered per document. A text the renderer refuses throws
 * each time it is asked, as `renderMarkdown` does, and is not remembered.
 */
export function renderDocumentMarkdown(document: object, markdown: string): string {
  let rendered = renderedBy.get(document);
  if (!rendered) {
    rendered = new Map();
    renderedBy.set(document, rendered);
  }
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = renderMarkdown(markdown).html;
    rendered.set(markdown, html);
  }
  return html;
}
