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
