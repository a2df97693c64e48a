import type { APIRoute, GetStaticPaths } from 'astro';
import { listApiVersions } from '../../../../lib/catalog-data.ts';

/** The version's OpenAPI document with every file joined in: what the console loads. */
export const getStaticPaths = (async () => {
  const entries = await listApiVersions();
  return entries.map(({ api, version }) => ({
    params: { api: api.id, version: version.id },
    props: { document: version.document },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { document } = props as { document: Record<string, unknown> };
  return new Response(JSON.stringify(document, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
