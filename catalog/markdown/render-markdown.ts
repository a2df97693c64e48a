import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { checkTreeDepth, MarkdownRefusedError } from './check-markdown.ts';
import { keepPagesOffline } from './keep-pages-offline.ts';

/**
 * Markdown from `apis/` arrives through pull requests from many teams, so it is treated as
 * untrusted: raw HTML is parsed, then everything outside an allow-list is dropped. No script, no
 * event handler, no `javascript:` URL, no style and no embedded frame survives. Owners' ids and
 * names get the sanitiser's `user-content-` prefix (as on GitHub), so `<pre id="sandbox-curl">`
 * cannot stand in for the page's own element; links to them are rewritten to match.
 */
const sanitizeSchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // Footnote ids are prefixed by the sanitiser, like every other id, and so only once.
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
  .use(rehypeRaw)
  .use(rehypeSanitize, sanitizeSchema)
  .use(() => linkToPrefixedIds)
  .use(() => keepPagesOffline)
  .freeze();

/** Rendered Markdown: safe HTML to inject, and plain text for summaries and search. */
export interface RenderedMarkdown {
  html: string;
  text: string;
}

/**
 * Renders untrusted Markdown (with inline HTML) to sanitised HTML. Callers bound the text
 * first (`checkMarkdown`); a parsed tree nested too deeply for the later steps throws a
 * `MarkdownRefusedError` before they run.
 */
export function renderMarkdown(markdown: string | undefined): RenderedMarkdown {
  if (!markdown?.trim()) return { html: '', text: '' };
  if (isPlainSentence(markdown)) {
    return { html: `<p>${markdown}</p>`, text: markdown.replace(/\s+/g, ' ') };
  }
  const parsed = processor.parse(markdown);
  const tooDeep = checkTreeDepth(parsed);
  if (tooDeep) throw new MarkdownRefusedError(tooDeep);
  const tree = processor.runSync(parsed);
  return { html: toHtml(tree), text: toText(tree).replace(/\s+/g, ' ').trim() };
}

/**
 * Text in which Markdown can find nothing to interpret: one line, no character that starts
 * markup, an entity, an HTML tag or an autolink, nothing a block can start with. Most
 * descriptions of parameters and properties are such sentences, and a real document holds
 * tens of thousands of them: they become a paragraph directly, exactly as the full pipeline
 * renders them (a unit test holds the two side by side), without parsing.
 */
function isPlainSentence(markdown: string): boolean {
  return (
    markdown.length < 2000 &&
    markdown === markdown.trim() &&
    !/[\n\r\t<>[\]*_`#&!|~\\@=+]|:\/\/|www\./i.test(markdown) &&
    !/^(?:-|\d+[.)](?:\s|$))/.test(markdown)
  );
}

/** First sentence of a text, for one-line summaries derived from a long description. */
export function toFirstSentence(text: string, maxLength = 200): string {
  const sentence = /^.*?[.!?](?=\s|$)/s.exec(text)?.[0] ?? text;
  if (sentence.length <= maxLength) return sentence;
  return `${sentence.slice(0, maxLength - 1).trimEnd()}…`;
}

/**
 * Owners write `[the quotas](#quota)` for their own `<h2 id="quota">`: once the id carries the
 * prefix, the link must too. Links to an id the text does not hold (the page's `#sandbox`) are
 * left as written.
 */
function linkToPrefixedIds(tree: Root): void {
  const prefix = defaultSchema.clobberPrefix ?? 'user-content-';
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id);
  });
  visit(tree, 'element', (node: Element) => {
    const href = node.properties.href;
    if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
    const fragment = href.slice(1);
    if (ids.has(`${prefix}${safelyDecode(fragment)}`))
      node.properties.href = `#${prefix}${fragment}`;
  });
}

function safelyDecode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
