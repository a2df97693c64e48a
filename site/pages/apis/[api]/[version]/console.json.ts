import type { APIRoute, GetStaticPaths } from 'astro';
import { toConsoleDocument } from '../../../../../catalog/openapi/console-document.ts';
import { listVersionPaths, type ApiVersionEntry } from '../../../../lib/catalog-data.ts';

/**
 * What the reference page's console loads: the version's bundled document, sanitised like the
 * portal's own pages (descriptions as the catalog renders them, no `$ref` in examples), so the
 * console fetches and runs nothing the pages would not. `openapi.json` stays the download.
 */
export const getStaticPaths = listVersionPaths satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { version } = props as ApiVersionEntry;
  return new Response(JSON.stringify(toConsoleDocument(version.document)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
