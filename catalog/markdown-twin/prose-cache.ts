import { toMarkdownText } from './markdown-text.ts';

/** Owners' prose as Markdown, each distinct text converted once. */
export interface ProseCache {
  /** `toMarkdownText(html)`, remembered. */
  toMarkdown: (html: string) => string;
  /** How many distinct texts it has converted. */
  readonly size: number;
}

/**
 * A cache for one rendering (a version's twin, one MCP answer). A version repeats its texts
 * across operations and schemas: on the 122-document corpus, 24,000 descriptions that need
 * the HTML parse are 6,600 distinct texts per version, and parsing HTML back to Markdown was
 * most of what the twins cost the build. Dropped with the rendering, so nothing outlives it.
 */
export function createProseCache(): ProseCache {
  const known = new Map<string, string>();
  return {
    toMarkdown(html) {
      let text = known.get(html);
      if (text === undefined) {
        text = toMarkdownText(html);
        known.set(html, text);
      }
      return text;
    },
    get size() {
      return known.size;
    },
  };
}
