import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';

/**
 * Text pieces of the Markdown twins. Owners' names, paths and values are printed as code spans
 * or fenced blocks whose fences outrun any backticks inside, and their prose (the catalog's
 * sanitised HTML) goes through hast-util-to-mdast, so nothing an owner writes can open a link,
 * an image or raw HTML that the portal's own pages would not show.
 */

/** A one-line code span that holds `text` whatever backticks it contains. */
export function toCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block that holds `text` whatever fences it contains. */
export function toFence(text: string, info = ''): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`{3,}/g), (run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text}\n${fence}`;
}

/**
 * Plain text on one line (a summary, a title), its Markdown punctuation escaped and `<` written
 * as an entity, so it reads as text in any renderer.
 */
export function toInlineText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]#|!]/g, (character) => `\\${character}`)
    .replace(/</g, '&lt;');
}

// One paragraph of plain text is most descriptions (81 % of the corpus's): no parse needed.
const plainParagraph = /^<p>([^<]*)<\/p>$/;

/** The catalog's sanitised HTML of a description or guide as Markdown; '' for none. */
export function toMarkdownText(html: string): string {
  const trimmed = html.trim();
  if (trimmed === '') return '';
  const plain = plainParagraph.exec(trimmed);
  if (plain) return toInlineText(decodeEntities(plain[1] ?? ''));
  const tree = toMdast(fromHtml(trimmed, { fragment: true }));
  return toMarkdown(tree, { extensions: [gfmToMarkdown()], bullet: '-', emphasis: '_' }).trim();
}

// Decoded whole: toInlineText writes `<` back as an entity, so no tag comes alive.
function decodeEntities(text: string): string {
  return text.replace(/&(amp|gt|quot|#39|#x27|lt);/g, (_entity, name: string) =>
    name === 'amp' ? '&' : name === 'gt' ? '>' : name === 'quot' ? '"' : name === 'lt' ? '<' : "'",
  );
}

/** An example or a default as a partner reads it: JSON, or a string as written for other types. */
export function toValueText(value: unknown, mediaType?: string): string {
  if (typeof value === 'string' && mediaType !== undefined && !isJsonMediaType(mediaType)) {
    return value;
  }
  return toJson(value, 2);
}

// `undefined` (an example with only an externalValue) stringifies to nothing; a cycle throws.
function toJson(value: unknown, indent?: number): string {
  try {
    const text: string | undefined = JSON.stringify(value, null, indent);
    return typeof text === 'string' ? text : String(value);
  } catch {
    return String(value);
  }
}

/** A short value on one line, cut with an ellipsis past `limit` characters. */
export function toInlineValue(value: unknown, limit = 200): string {
  const text = toJson(value);
  return toCode(text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);
}

/** True for `application/json`, `application/problem+json`, `*\/*` and the like. */
export function isJsonMediaType(mediaType: string): boolean {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '*/*' || type === 'application/json' || type.endsWith('+json');
}
