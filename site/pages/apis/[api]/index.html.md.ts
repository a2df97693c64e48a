import type { APIRoute, GetStaticPaths } from 'astro';
import type { CatalogApi } from '../../../../catalog/index.ts';
import { getCatalog, toCurrentVersion } from '../../../lib/catalog-data.ts';
import { renderVersionTwin, toMarkdownResponse } from '../../../lib/markdown-twins.ts';

/** The API page's Markdown twin: its current version, for assistants (see llms.txt). */
export const getStaticPaths = (async () => {
  const catalog = await getCatalog();
  return catalog.apis.map((api) => ({ params: { api: api.id }, props: { api } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { api } = props as { api: CatalogApi };
  return toMarkdownResponse(renderVersionTwin(import.meta.env.BASE_URL, api, toCurrentVersion(api)));
};
