import type { APIRoute } from 'astro';
import { renderLlmsIndex } from '../../catalog/markdown-twin/render-llms.ts';
import { getCatalog } from '../lib/catalog-data.ts';
import { createTwinUrls, toMarkdownResponse } from '../lib/markdown-twins.ts';
import { createUrls } from '../lib/urls.ts';

/** `/llms.txt` (llmstxt.org): the build's APIs and guides, each linked to its Markdown twin. */
export const GET: APIRoute = async () => {
  const base = import.meta.env.BASE_URL;
  const twins = createTwinUrls(base);
  const text = renderLlmsIndex(await getCatalog(), {
    apiTwin: (api) => twins.api(api.id),
    guideTwin: (api, guide) => twins.guide(api.id, guide.slug),
    llmsFull: twins.llmsFull,
    catalogJson: createUrls(base).catalogJson,
  });
  return toMarkdownResponse(text, 'text/plain');
};
