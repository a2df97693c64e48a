import { z } from 'zod';
import { readSource } from '../auth/credential-sources.ts';
import {
  isRefusal,
  type CallerIdentifier,
  type Identity,
  type Outcome,
} from '../auth/identify-caller.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendProblem } from '../http/send-response.ts';
import type { KeyGrant, KeyLookup } from '../keys/key-lookup.ts';
import type { ApiRoute } from '../routing/route-table.ts';
import { toContainedPath } from '../routing/safe-path.ts';
import { functionOption, objectWith, parseStageOptions } from './stage-options.ts';
import type { Stage, Step } from './stage.ts';

const routeOptionsSchema = z.strictObject({
  routes: z.custom<ReadonlyMap<string, ApiRoute>>(
    (value) => value instanceof Map,
    'must be the route table (createRouteTable)',
  ),
  keys: objectWith<KeyLookup>('find'),
  identifier: objectWith<CallerIdentifier>('identify'),
  fail: functionOption<(exchange: Exchange, error: unknown) => void>(),
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
  const { routes, keys, identifier, fail } = parseStageOptions('route', routeOptionsSchema, input);

  /**
   * The grant behind whatever credential the request carries for a concealed API: guichet's
   * own header, or any place one of its versions reads a credential from.
   */
  const findCaller = (
    exchange: Exchange,
    api: ApiRoute,
  ): KeyGrant | undefined | Promise<KeyGrant | undefined> => {
    const outcomes: (Outcome | Promise<Outcome>)[] = [];
    for (const source of api.credentialSources) {
      const value = readSource(exchange.req, source);
      if (value !== undefined) outcomes.push(identifier.identify(exchange, source, value, api.id));
    }
    if (outcomes.length === 0) return undefined;
    const pick = (settled: readonly Outcome[]): KeyGrant | undefined =>
      settled.find(
        (outcome): outcome is Identity =>
          !isRefusal(outcome) && outcome.grant.subscriptions.has(api.id),
      )?.grant;
    return outcomes.some((outcome) => outcome instanceof Promise)
      ? Promise.all(outcomes.map((outcome) => Promise.resolve(outcome))).then(pick)
      : pick(outcomes as Outcome[]);
  };

  return (next) => {
    const routeVersion = createVersionRouting(next);
    /** Routing once the key in `X-Api-Key`, if any, was looked up. */
    const routeApi = (
      exchange: Exchange,
      found: ApiRoute | undefined,
      apiId: string,
      url: string,
      apiEnd: number,
      key: string,
      grant: KeyGrant | undefined,
    ): void => {
      if (found?.concealed !== true) {
        routeVersion(exchange, found, apiId, url, apiEnd, grant);
        return;
      }
      const caller = key !== '' ? grant : findCaller(exchange, found);
      const reveal = (holder: KeyGrant | undefined): void => {
        routeVersion(
          exchange,
          holder?.subscriptions.has(found.id) === true ? found : undefined,
          apiId,
          url,
          apiEnd,
          key !== '' ? holder : undefined,
        );
      };
      if (caller instanceof Promise) {
        caller.then(reveal, (error: unknown) => {
          fail(exchange, error);
        });
      } else {
        reveal(caller);
      }
    };
    return (exchange) => {
      const raw = exchange.req.url ?? '/';
      const url = raw.charCodeAt(0) === 47 ? raw : '/';
      // `/api/version/rest?query`: split by hand, the request path runs this for every call.
      const apiEnd = url.indexOf('/', 1);
      const apiId = apiEnd === -1 ? (url.slice(1).split('?')[0] ?? '') : url.slice(1, apiEnd);
      const presented = exchange.req.headers['x-api-key'];
      const key = typeof presented === 'string' ? presented : '';
      const found = routes.get(apiId);
      const grant = key !== '' && found?.concealed !== false ? keys.find(key) : undefined;
      if (grant instanceof Promise) {
        // A key PostgreSQL must be asked about (its first use).
        grant.then(
          (ready) => {
            routeApi(exchange, found, apiId, url, apiEnd, key, ready);
          },
          (error: unknown) => {
            fail(exchange, error);
          },
        );
        return;
      }
      routeApi(exchange, found, apiId, url, apiEnd, key, grant);
    };
  };
}

/** The rest of routing, once it is known whether the caller may know of the API. */
function createVersionRouting(
  next: Step,
): (
  exchange: Exchange,
  api: ApiRoute | undefined,
  apiId: string,
  url: string,
  apiEnd: number,
  grant: KeyGrant | undefined,
) => void {
  return (exchange, api, apiId, url, apiEnd, grant) => {
    if (!api) {
      sendProblem(
        exchange,
        apiId === '' ? 'notFound' : 'unknownApi',
        apiId === ''
          ? {
              en: 'Sandbox URLs look like /<api-id>/<version-id>/<path>.',
              fr: 'Les adresses du bac à sable ont la forme /<api-id>/<version-id>/<chemin>.',
            }
          : {
              en: `No API "${apiId}" in the sandbox. Copy the sandbox URL from the API's page on the portal.`,
              fr: `Aucune API « ${apiId} » dans le bac à sable. Copiez l’adresse du bac à sable depuis la page de l’API dans le portail.`,
            },
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
      sendProblem(exchange, 'unknownVersion', {
        en: `API "${api.id}" has no version "${versionId}"; it has ${[...api.versions.keys()].join(', ')} (current: ${api.currentVersionId}).`,
        fr: `L’API « ${api.id} » n’a pas de version « ${versionId} » ; elle a ${[...api.versions.keys()].join(', ')} (actuelle : ${api.currentVersionId}).`,
      });
      return;
    }
    exchange.version = version.id;
    exchange.versionRoute = version;
    const path = toContainedPath(url, api.id, version.id);
    if (path === undefined) {
      sendProblem(exchange, 'notFound', {
        en: `The path leaves /${api.id}/${version.id}/: dot segments cannot reach another API.`,
        fr: `Le chemin sort de /${api.id}/${version.id}/ : les segments point ne mènent pas à une autre API.`,
      });
      return;
    }
    exchange.req.url = path;
    for (const name in version.lifecycleHeaders)
      exchange.headers[name] = version.lifecycleHeaders[name];
    if (version.retired) {
      sendProblem(exchange, 'versionRetired', {
        en: `Version ${version.id} of "${api.id}" is retired${version.sunset === undefined ? '' : ` since ${version.sunset}`}; use ${api.currentVersionId}.`,
        fr: `La version ${version.id} de « ${api.id} » est retirée${version.sunset === undefined ? '' : ` depuis le ${version.sunset}`} ; utilisez ${api.currentVersionId}.`,
      });
      return;
    }
    next(exchange);
  };
}
