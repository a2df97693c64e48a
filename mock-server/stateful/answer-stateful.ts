import type { IHttpRequest } from '@stoplight/prism-http';
import { matchPathTemplate } from '../../catalog/index.ts';
import { isStoreFull } from '../../catalog/sqlite/store-errors.ts';
import type { MockPreferences, PrismMocker } from '../prism/prism-engine.ts';
import type { ResourceStore, Scope } from '../store/resource-store.ts';
import { readObject, removeObject, replaceObject, updateObject } from './change-object.ts';
import { createObject } from './create-object.ts';
import { listObjects } from './list-objects.ts';
import {
  answerNotFound,
  describeObject,
  type StatefulCall,
  type StatefulOutcome,
} from './stateful-call.ts';
import { toCollectionKey, type StatefulRoute, type StatefulVersion } from './stateful-routes.ts';

/** What the layer needs to answer one call of a consumer. */
export interface StatefulRequest {
  version: StatefulVersion;
  route: StatefulRoute;
  store: ResourceStore;
  scope: Scope;
  input: IHttpRequest;
  mocker: PrismMocker;
  preferences: MockPreferences;
}

const handlers = {
  create: createObject,
  list: listObjects,
  read: readObject,
  replace: replaceObject,
  update: updateObject,
  delete: removeObject,
} as const satisfies Record<
  StatefulRoute['role'],
  (call: StatefulCall) => Promise<StatefulOutcome>
>;

/**
 * Answers a call of a stateful operation from the consumer's objects: the scope is opened
 * (idle data expired, seeds laid on first use), the parent of a nested object must exist,
 * then the operation's role acts. A full disk is a 507 `insufficient-storage` problem; what was
 * stored before stays.
 */
export async function answerStateful(request: StatefulRequest): Promise<StatefulOutcome> {
  const { route, store, scope, input } = request;
  const params = matchPathTemplate(route.template, input.url.path) ?? {};
  const call: StatefulCall = {
    route,
    store,
    scope,
    key: toCollectionKey(route.resource, params),
    params,
    input,
    mocker: request.mocker,
    preferences: request.preferences,
    now: new Date(),
  };
  try {
    await store.enter(scope, request.version.seeds);
    const { parent } = route;
    if (parent) {
      const parentParams =
        matchPathTemplate(parent.template, parentPath(input.url.path, route)) ?? {};
      const parentId = parentParams[parent.resource.idParameter] ?? '';
      const found = await store.read(
        scope,
        toCollectionKey(parent.resource, parentParams),
        parentId,
      );
      if (found === undefined) {
        return await answerNotFound(call, describeObject(parent.resource.name, parentId));
      }
    }
    return await handlers[route.role](call);
  } catch (error) {
    if (!isStoreFull(error)) throw error;
    return {
      refusal: {
        name: 'insufficientStorage',
        detail: 'The disk holding the sandbox’s objects is full: nothing was changed.',
      },
    };
  }
}

/** The parent object's path: the request's path cut before the resource's collection name. */
function parentPath(path: string, route: StatefulRoute): string {
  const depth = route.resource.collectionPath.split('/').length - 1;
  return `/${path.split('/').slice(1, depth).join('/')}`;
}
