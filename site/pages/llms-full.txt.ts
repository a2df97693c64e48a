import type { APIRoute } from 'astro';
import { getCatalog, toCurrentVersion } from '../lib/catalog-data.ts';
import { renderVersionTwin, toMarkdownResponse } from '../lib/markdown-twins.ts';

/**
 * `/llms-full.txt`: every API's current version as its twin prints it (operations, parameters,
 * bodies, responses, schemas), one after the other, for the build's audience only.
 */
export const GET: APIRoute = async () => {
  const base = import.meta.env.BASE_URL;
  const catalog = await getCatalog();
  const parts = catalog.apis.map((api) => renderVersionTwin(base, api, toCurrentVersion(api)));
  const header = `# guichet API catalog, in full\n\n> Every operation of the ${String(catalog.apis.length)} APIs' current versions. One API per top-level heading.\n`;
  return toMarkdownResponse([header, ...parts].join('\n---\n\n'), 'text/plain');
};
