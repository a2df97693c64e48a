import type { CatalogResource, ResourceRole } from '../../catalog/index.ts';
import { parsePathTemplate, type PathTemplate } from '../../catalog/index.ts';
import type { MockOperation } from '../prism/prism-engine.ts';
import type { CollectionKey, StoredSeed } from '../store/resource-store.ts';
import { findJsonAnswer, findSuccessStatus } from './operation-answers.ts';

/** How one Prism operation of a version takes part in a resource. */
export interface StatefulRoute {
  resource: CatalogResource;
  role: ResourceRole;
  operation: MockOperation;
  /** The resource's operations by role: a write is checked against what a read answers. */
  operations: Partial<Record<ResourceRole, MockOperation>>;
  /** The operation's path template, to read the placeholders of a request. */
  template: PathTemplate;
  /** For a nested resource whose parent is a resource too: where to look the parent up. */
  parent?: { resource: CatalogResource; template: PathTemplate };
}

/** What the stateful layer knows of one version once its operations are prepared. */
export interface StatefulVersion {
  /** The operations a resource answers; any other answers from examples, store untouched. */
  routes: Map<MockOperation, StatefulRoute>;
  resources: CatalogResource[];
  /** The seed objects of every resource, ready to store for a consumer's first call. */
  seeds: () => StoredSeed[];
}

/** Roles whose answer is an object or a list: without a JSON answer they stay with examples. */
const answering = new Set<ResourceRole>(['read', 'list']);

/**
 * Maps the catalog's resources onto the version's Prism operations. A role whose operation
 * Prism does not have, or which answers in no JSON type, is left to the examples.
 */
export function createStatefulVersion(
  resources: readonly CatalogResource[],
  operations: readonly MockOperation[],
): StatefulVersion | undefined {
  const byKey = new Map(
    operations.map((operation) => [
      `${operation.method.toUpperCase()} ${operation.path}`,
      operation,
    ]),
  );
  const routes = new Map<MockOperation, StatefulRoute>();
  const kept: CatalogResource[] = [];
  for (const resource of resources) {
    const found: Partial<Record<ResourceRole, MockOperation>> = {};
    for (const [role, entry] of Object.entries(resource.operations) as [
      ResourceRole,
      { method: string; path: string },
    ][]) {
      const operation = byKey.get(`${entry.method} ${entry.path}`);
      if (!operation) continue;
      const status = findSuccessStatus(operation);
      if (status === undefined) continue;
      if (answering.has(role) && !findJsonAnswer(operation, status)) continue;
      found[role] = operation;
    }
    if (Object.keys(found).length === 0) continue;
    kept.push(resource);
    const parentResource = findParent(resources, resource);
    for (const [role, operation] of Object.entries(found) as [ResourceRole, MockOperation][]) {
      routes.set(operation, {
        resource,
        role,
        operation,
        operations: found,
        template: parsePathTemplate(operation.path),
        ...(parentResource
          ? {
              parent: {
                resource: parentResource,
                template: parsePathTemplate(parentResource.itemPath),
              },
            }
          : {}),
      });
    }
  }
  if (routes.size === 0) return undefined;
  return { routes, resources: kept, seeds: () => toStoredSeeds(kept) };
}

/** The resource whose item path is a nested resource's collection minus its last segment. */
function findParent(
  resources: readonly CatalogResource[],
  resource: CatalogResource,
): CatalogResource | undefined {
  if (resource.parentParameters.length === 0) return undefined;
  const itemPath = resource.collectionPath.slice(0, resource.collectionPath.lastIndexOf('/'));
  return resources.find(
    (candidate) => candidate.itemPath === itemPath && candidate.operations.read !== undefined,
  );
}

/** The collection a request reaches: the resource, under the parents' ids it names. */
export function toCollectionKey(
  resource: CatalogResource,
  params: Readonly<Record<string, string>>,
): CollectionKey {
  const { parentParameters } = resource;
  return {
    resource: resource.collectionPath,
    parent:
      parentParameters.length === 0
        ? ''
        : JSON.stringify(parentParameters.map((name) => params[name] ?? '')),
  };
}

function toStoredSeeds(resources: readonly CatalogResource[]): StoredSeed[] {
  return resources.flatMap((resource) =>
    resource.seeds.map((seed) => ({
      ...toCollectionKey(resource, seed.params),
      id: seed.id,
      text: JSON.stringify(seed.value),
    })),
  );
}
