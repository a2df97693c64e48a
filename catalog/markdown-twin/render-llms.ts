import type { Catalog, CatalogApi, CatalogGuide } from '../model.ts';
import { toInlineText, toMarkdownText } from './markdown-text.ts';

/** Addresses `llms.txt` points at. */
export interface LlmsLinks {
  /** The API's Markdown twin (its current version). */
  apiTwin: (api: CatalogApi) => string;
  guideTwin: (api: CatalogApi, guide: CatalogGuide) => string;
  llmsFull: string;
  catalogJson: string;
}

/**
 * `/llms.txt` after the llmstxt.org convention: the portal as a title and a summary, then one
 * line per API with its summary and its Markdown twin, its guides beneath. Only the catalog's
 * APIs, so only those the build's audience may see.
 */
export function renderLlmsIndex(catalog: Catalog, links: LlmsLinks): string {
  const lines = [
    '# guichet API catalog',
    '',
    `> ${String(catalog.apis.length)} APIs with a sandbox answering every operation. Each link is a Markdown page: the API's operations, parameters, schemas, examples, security, and how to get a trial key for the sandbox.`,
    '',
    `Every operation of every API, in one file: ${links.llmsFull}. The same catalog as JSON, with sandbox URLs and plans: ${links.catalogJson}.`,
    '',
    '## APIs',
    '',
  ];
  for (const api of catalog.apis) {
    lines.push(
      `- [${toInlineText(api.title)}](${links.apiTwin(api)}): ${toInlineText(api.summary)}`,
    );
  }
  const guides = catalog.apis.flatMap((api) => api.guides.map((guide) => ({ api, guide })));
  if (guides.length > 0) {
    lines.push('', '## Guides', '');
    for (const { api, guide } of guides) {
      lines.push(
        `- [${toInlineText(guide.title)}](${links.guideTwin(api, guide)}): ${toInlineText(api.title)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The Markdown twin of a guide: its title, the API it belongs to, then its text. */
export function renderGuideMarkdown(api: CatalogApi, guide: CatalogGuide, apiTwin: string): string {
  const body = toMarkdownText(guide.html);
  return `# ${toInlineText(guide.title)}\n\n> A guide of [${toInlineText(api.title)}](${apiTwin}).\n\n${body}\n`;
}

/**
 * `/llms-full.txt`: a header, then each API's current-version twin after a rule, sent as the
 * bytes its twin page sent (rendered and encoded once per build), one after the other. Joined
 * into one string instead, the corpus's 35 MB took 70 MB in V8 (the twins' dashes make it two
 * bytes a character) and were encoded again, at the build's peak of memory.
 */
export function streamLlmsFull(twins: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const header = `# guichet API catalog, in full\n\n> Every operation of the ${String(twins.length)} APIs' current versions. One API per top-level heading.\n`;
  const rule = encoder.encode('\n---\n\n');
  const chunks = [encoder.encode(header), ...twins.flatMap((twin) => [rule, twin])];
  let next = 0;
  // A default stream hands each chunk on as it is, never detached: the twins stay whole for
  // the next answer (the dev server renders this page on every request).
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[next];
      next += 1;
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}
