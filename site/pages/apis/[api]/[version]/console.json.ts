import type { APIRoute, GetStaticPaths } from 'astro';
import { toConsoleDocument } from '../../../../../catalog/openapi/console-document.ts';
import { sandboxUrl } from 'virtual:guichet/settings';
import { listVersionPaths, type ApiVersionEntry } from '../../../../lib/catalog-data.ts';

/**
 * What the reference page's console loads: the version's bundled document, sanitised like the
 * portal's own pages (descriptions as the catalog renders them, no `$ref` in examples), so the
 * console fetches and runs nothing the pages would not, and its OAuth 2.0 schemes take tokens
 * from the sandbox's token endpoint by client credentials. `openapi.json` stays the download.
 */
export const getStaticPaths = listVersionPaths satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { version } = props as ApiVersionEntry;
  const tokenUrl = `${sandboxUrl}/oauth/token`;
  return new Response(JSON.stringify(toConsoleDocument(version.document, { tokenUrl })), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
