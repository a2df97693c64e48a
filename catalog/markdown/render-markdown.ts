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

/**
 * Markdown from `apis/` arrives through pull requests from many teams, so it is treated as
 * untrusted: raw HTML is parsed, then everything outside an allow-list is dropped. No script, no
 * event handler, no `javascript:` URL, no style and no embedded frame survives.
 */
const sanitizeSchema = {
  ...defaultSchema,
  // Anchors in guides stay readable (#quota) rather than GitHub's `user-content-` prefix,
  // which would break links owners write by hand.
  clobberPrefix: '',
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, sanitizeSchema)
  .use(() => keepPagesOffline)
  .freeze();

/** Rendered Markdown: safe HTML to inject, and plain text for summaries and search. */
export interface RenderedMarkdown {
  html: string;
  text: string;
}

/** Renders untrusted Markdown (with inline HTML) to sanitised HTML. */
export function renderMarkdown(markdown: string | undefined): RenderedMarkdown {
  if (!markdown?.trim()) return { html: '', text: '' };
  const tree = processor.runSync(processor.parse(markdown));
  return { html: toHtml(tree), text: toText(tree).replace(/\s+/g, ' ').trim() };
}

/** First sentence of a text, for one-line summaries derived from a long description. */
export function toFirstSentence(text: string, maxLength = 200): string {
  const sentence = /^.*?[.!?](?=\s|$)/s.exec(text)?.[0] ?? text;
  if (sentence.length <= maxLength) return sentence;
  return `${sentence.slice(0, maxLength - 1).trimEnd()}…`;
}

/**
 * Pages must never load anything from another host: remote images become links to the image,
 * and outbound links open without handing over the portal as referrer.
 */
function keepPagesOffline(tree: Root): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName === 'img' && isRemote(node.properties.src)) {
      const link: Element = {
        type: 'element',
        tagName: 'a',
        properties: { href: node.properties.src, rel: ['noopener', 'noreferrer'] },
        children: [
          {
            type: 'text',
            value: typeof node.properties.alt === 'string' ? node.properties.alt : 'image',
          },
        ],
      };
      if (parent && index !== undefined) parent.children[index] = link;
      return;
    }
    if (node.tagName === 'a' && isRemote(node.properties.href)) {
      node.properties.rel = ['noopener', 'noreferrer'];
    }
  });
}

function isRemote(url: unknown): boolean {
  return typeof url === 'string' && /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url);
}
