import type { Catalog } from '../../catalog/model.ts';
import { listRequestHeaderNames } from '../../catalog/openapi/request-header-names.ts';
import { hopByHopHeaders } from '../proxy/hop-by-hop.ts';
import type { ApiRoute } from '../routing/route-table.ts';

/** What the portal's console sends to any path, whatever the document says. */
export const sandboxRequestHeaders: readonly string[] = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'prefer',
  'x-api-key',
  'x-request-id',
];

const headerTokenPattern = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Headers the gateway itself writes or reads about the connection: a document that declares
 * one as a parameter does not open it to browsers (the gateway drops or overwrites it anyway).
 */
function isOwnedBySandbox(name: string): boolean {
  return (
    hopByHopHeaders.has(name) ||
    name === 'host' ||
    name === 'cookie' ||
    name === 'forwarded' ||
    name.startsWith('x-forwarded-') ||
    name.startsWith('x-guichet-')
  );
}

/**
 * The request headers a preflight may be granted per `<api>/<version>`, computed once at start:
 * the sandbox's own and those the version's document declares (`listRequestHeaderNames`).
 * APIs concealed from the deployment's audience get no entry, so a preflight learns nothing of
 * them.
 */
export function toCorsRequestHeaders(
  catalog: Catalog,
  routes: ReadonlyMap<string, ApiRoute>,
): ReadonlyMap<string, ReadonlySet<string>> {
  const table = new Map<string, ReadonlySet<string>>();
  for (const api of catalog.apis) {
    if (routes.get(api.id)?.concealed !== false) continue;
    for (const version of api.versions) {
      const declared = listRequestHeaderNames(version).filter(
        (name) => headerTokenPattern.test(name) && !isOwnedBySandbox(name),
      );
      table.set(`${api.id}/${version.id}`, new Set([...sandboxRequestHeaders, ...declared]));
    }
  }
  return table;
}
