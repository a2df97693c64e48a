import { z } from 'zod';
import { sendProblem } from '../http/send-response.ts';
import type { KeyLookup } from '../keys/key-lookup.ts';
import type { ApiRoute } from '../routing/route-table.ts';
import { toContainedPath } from '../routing/safe-path.ts';
import { objectWith, parseStageOptions } from './stage-options.ts';
import type { Stage } from './stage.ts';

const routeOptionsSchema = z.strictObject({
  routes: z.custom<ReadonlyMap<string, ApiRoute>>(
    (value) => value instanceof Map,
    'must be the route table (createRouteTable)',
  ),
  keys: objectWith<KeyLookup>('find'),
});

/** What the route stage needs. */
export type RouteStageOptions = z.input<typeof routeOptionsSchema>;

/**
 * `/<api-id>/<version-id>/<path>`: finds the API and the version, keeps the path inside them,
 * adds the version's lifecycle headers and refuses a retired version. The path the mock server
 * sees is the version-relative one.
 *
 * A concealed API exists only for a key subscribed to it, so that key is checked here, first:
 * anyone else gets, byte for byte, the answer for an id that names no API. The key is looked
 * up for an unknown id too, so the work done does not tell the two apart either.
 */
export function createRouteStage(input: RouteStageOptions): Stage {
  const { routes, keys } = parseStageOptions('route', routeOptionsSchema, input);
  return (next) => (exchange) => {
    const raw = exchange.req.url ?? '/';
    const url = raw.charCodeAt(0) === 47 ? raw : '/';
    // `/api/version/rest?query`: split by hand, the request path runs this for every call.
    const apiEnd = url.indexOf('/', 1);
    const apiId = apiEnd === -1 ? (url.slice(1).split('?')[0] ?? '') : url.slice(1, apiEnd);
    const presented = exchange.req.headers['x-api-key'];
    const key = typeof presented === 'string' ? presented : '';
    const found = routes.get(apiId);
    const grant = key !== '' && found?.concealed !== false ? keys.find(key) : undefined;
    const api =
      found?.concealed === true && grant?.subscriptions.has(found.id) !== true ? undefined : found;
    if (!api) {
      sendProblem(
        exchange,
        apiId === '' ? 'notFound' : 'unknownApi',
        apiId === ''
          ? 'Sandbox URLs look like /<api-id>/<version-id>/<path>.'
          : `No API "${apiId}" in the sandbox. Copy the sandbox URL from the API's page on the portal.`,
      );
      return;
    }
    exchange.api = api.id;
    exchange.apiRoute = api;
    exchange.grant = grant;
    const versionEnd = apiEnd === -1 ? -1 : url.indexOf('/', apiEnd + 1);
    const versionId =
      apiEnd === -1
        ? ''
        : ((versionEnd === -1 ? url.slice(apiEnd + 1) : url.slice(apiEnd + 1, versionEnd)).split(
            '?',
          )[0] ?? '');
    const version = api.versions.get(versionId);
    if (!version) {
      sendProblem(
        exchange,
        'unknownVersion',
        `API "${api.id}" has no version "${versionId}"; it has ${[...api.versions.keys()].join(', ')} (current: ${api.currentVersionId}).`,
      );
      return;
    }
    exchange.version = version.id;
    exchange.versionRoute = version;
    const path = toContainedPath(url, api.id, version.id);
    if (path === undefined) {
      sendProblem(
        exchange,
        'notFound',
        `The path leaves /${api.id}/${version.id}/: dot segments cannot reach another API.`,
      );
      return;
    }
    exchange.req.url = path;
    for (const name in version.lifecycleHeaders)
      exchange.headers[name] = version.lifecycleHeaders[name];
    if (version.retired) {
      sendProblem(
        exchange,
        'versionRetired',
        `Version ${version.id} of "${api.id}" is retired${version.sunset === undefined ? '' : ` since ${version.sunset}`}; use ${api.currentVersionId}.`,
      );
      return;
    }
    next(exchange);
  };
}
