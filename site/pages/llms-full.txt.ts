import type { APIRoute } from 'astro';
import { streamLlmsFull } from '../../catalog/markdown-twin/render-llms.ts';
import { getCatalog, toCurrentVersion } from '../lib/catalog-data.ts';
import { renderVersionTwin, toMarkdownResponse } from '../lib/markdown-twins.ts';

/**
 * `/llms-full.txt`: every API's current version as its twin prints it (operations, parameters,
 * bodies, responses, schemas), one after the other, for the build's audience only.
 */
export const GET: APIRoute = async () => {
  const base = import.meta.env.BASE_URL;
  const catalog = await getCatalog();
  const twins = catalog.apis.map((api) => renderVersionTwin(base, api, toCurrentVersion(api)));
  return toMarkdownResponse(streamLlmsFull(twins), 'text/plain');
};
