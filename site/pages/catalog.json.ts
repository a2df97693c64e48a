import type { APIRoute } from 'astro';
import { sandboxUrl } from 'virtual:guichet/settings';
import { getCatalog } from '../lib/catalog-data.ts';
import { toCatalogJson } from '../lib/catalog-json.ts';

/** `/catalog.json`, the portal's index for other tools; its shape is documented in catalog-json.ts. */
export const GET: APIRoute = async () => {
  const catalog = await getCatalog();
  const body = toCatalogJson(catalog, import.meta.env.BASE_URL, sandboxUrl);
  return new Response(JSON.stringify(body, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
