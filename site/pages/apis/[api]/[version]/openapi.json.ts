import type { APIRoute, GetStaticPaths } from 'astro';
import { listVersionPaths, type ApiVersionEntry } from '../../../../lib/catalog-data.ts';

/**
 * The version's OpenAPI document with every file joined in, as its owners wrote it: the
 * download. The console loads `console.json`, its sanitised copy.
 */
export const getStaticPaths = listVersionPaths satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { version } = props as ApiVersionEntry;
  return new Response(JSON.stringify(version.document, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
