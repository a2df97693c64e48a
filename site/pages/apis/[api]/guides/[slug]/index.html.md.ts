import type { APIRoute, GetStaticPaths } from 'astro';
import type { CatalogApi, CatalogGuide } from '../../../../../../catalog/index.ts';
import { renderGuideMarkdown } from '../../../../../../catalog/markdown-twin/render-llms.ts';
import { getCatalog } from '../../../../../lib/catalog-data.ts';
import { createTwinUrls, toMarkdownResponse } from '../../../../../lib/markdown-twins.ts';

/** Each guide's Markdown twin. */
export const getStaticPaths = (async () => {
  const catalog = await getCatalog();
  return catalog.apis.flatMap((api) =>
    api.guides.map((guide) => ({ params: { api: api.id, slug: guide.slug }, props: { api, guide } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { api, guide } = props as { api: CatalogApi; guide: CatalogGuide };
  const twins = createTwinUrls(import.meta.env.BASE_URL);
  return toMarkdownResponse(renderGuideMarkdown(api, guide, twins.api(api.id)));
};
