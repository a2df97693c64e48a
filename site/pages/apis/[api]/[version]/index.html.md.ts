import type { APIRoute, GetStaticPaths } from 'astro';
import { listVersionPaths, type ApiVersionEntry } from '../../../../lib/catalog-data.ts';
import { renderVersionTwin, toMarkdownResponse } from '../../../../lib/markdown-twins.ts';

/** Each version page's Markdown twin, the current version's included. */
export const getStaticPaths = listVersionPaths satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { api, version } = props as ApiVersionEntry;
  return toMarkdownResponse(renderVersionTwin(import.meta.env.BASE_URL, api, version));
};
