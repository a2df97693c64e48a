import { closest } from './describe-issue.ts';
import type { CatalogApi, CatalogVersion } from './model.ts';
import { findOperationByReference, suggestOperations } from './openapi/operation-lookup.ts';
import { parsePathTemplate } from './openapi/path-template.ts';
import { pickVersions, toVersionLabel, type Report } from './resolve-stubs.ts';
import { toIdText } from './resources/collect-seeds.ts';
import {
  describeResource,
  listItemFields,
  markStatefulOperations,
  toCollectionPath,
  toOperationKey,
} from './resources/infer-resources.ts';
import { listPathItems } from './resources/read-operation.ts';
import type {
  CatalogResource,
  ResourceOperation,
  ResourceRole,
} from './resources/resource-model.ts';
import type { SandboxStatefulEntry, StatefulResourceEntry } from './schema/sandbox-stubs.ts';

/**
 * Applies the `stateful` section of a stubs file to the resources found in each version's
 * document: resources mapped or corrected by hand (with their seeds), then operations turned
 * on or off, for the API or one by one. Every path, operation, field and seed it names is
 * checked against the documents; each mistake is reported at its line. Returns the versions
 * with their resources and marks, or `undefined` when something was reported.
 */
export function resolveStateful(
  api: CatalogApi,
  section: SandboxStatefulEntry | undefined,
  report: Report,
): CatalogVersion[] | undefined {
  if (!section) return api.versions;
  const reported = { count: 0 };
  const fail: Report = (path, message, hint) => {
    reported.count += 1;
    report(path, message, hint);
  };
  const resourcesOf = new Map(api.versions.map((version) => [version, [...version.resources]]));
  const firstAt = new Map<string, number>();
  section.resources.forEach((entry, index) => {
    const at = ['stateful', 'resources', index];
    const first = firstAt.get(entry.collection);
    if (first !== undefined) {
      fail(
        [...at, 'collection'],
        `maps ${entry.collection} a second time (first at stateful.resources.${String(first)})`,
        'keep one entry per resource',
      );
      return;
    }
    firstAt.set(entry.collection, index);
    const versions = pickVersions(api, entry.versions, [...at, 'versions'], fail);
    if (!versions) return;
    const holding = versions.filter((version) => hasPath(version, entry.collection));
    const targets = entry.versions === undefined ? holding : versions;
    const lacking = targets.length === 0 ? versions[0] : versions.find((v) => !holding.includes(v));
    if (lacking && (targets.length === 0 || entry.versions !== undefined)) {
      const guess = closest(entry.collection, listPaths(lacking));
      fail(
        [...at, 'collection'],
        `names no path of ${api.id}${toVersionLabel(lacking)} (got "${entry.collection}")`,
        guess ? `did you mean "${guess}"?` : 'write the path as the document does',
      );
      return;
    }
    for (const version of targets) {
      const list = resourcesOf.get(version) ?? [];
      const resource = resolveEntry(api, version, list, entry, at, fail);
      if (!resource) return;
      const replaced = list.findIndex((item) => item.collectionPath === resource.collectionPath);
      if (replaced === -1) list.push(resource);
      else list[replaced] = resource;
    }
  });
  checkOperationNames(api, section, resourcesOf, fail);
  if (reported.count > 0) return undefined;
  return api.versions.map((version) => {
    const resources = (resourcesOf.get(version) ?? []).flatMap((resource) => {
      const kept = switchOperations(version, resource, section);
      return kept ? [kept] : [];
    });
    return {
      ...version,
      resources,
      operations: markStatefulOperations(version.operations, resources),
    };
  });
}

function listPaths(version: CatalogVersion): string[] {
  return listPathItems(version.document).map(({ path }) => path);
}

function hasPath(version: CatalogVersion, path: string): boolean {
  return listPaths(version).includes(path);
}

function resolveEntry(
  api: CatalogApi,
  version: CatalogVersion,
  found: readonly CatalogResource[],
  entry: StatefulResourceEntry,
  at: PropertyKey[],
  fail: Report,
): CatalogResource | undefined {
  const { collection } = entry;
  const inferred = found.find((resource) => resource.collectionPath === collection);
  const below = listPaths(version).filter((path) => toCollectionPath(path) === collection);
  const item = entry.item ?? inferred?.itemPath ?? (below.length === 1 ? below[0] : undefined);
  if (item === undefined) {
    fail(
      [...at, 'item'],
      `is required: ${below.length === 0 ? 'no path' : 'more than one path'} below ${collection} ends in one placeholder`,
      `give the path of one object, e.g. item: ${below[0] ?? `${collection}/{id}`}`,
    );
    return undefined;
  }
  if (!hasPath(version, item)) {
    const guess = closest(item, listPaths(version));
    fail(
      [...at, 'item'],
      `names no path of ${api.id}${toVersionLabel(version)} (got "${item}")`,
      guess ? `did you mean "${guess}"?` : 'write the path as the document does',
    );
    return undefined;
  }
  const idParameter = parsePathTemplate(item).names.at(-1);
  if (idParameter === undefined || !item.endsWith(`{${idParameter}}`)) {
    fail(
      [...at, 'item'],
      `must end in the placeholder of the identifier (got "${item}")`,
      `e.g. ${below[0] ?? `${item}/{id}`}`,
    );
    return undefined;
  }
  const resource = describeResource(version.document, collection, item, {
    idField: entry.idField,
    source: 'stubs',
  });
  if (!resource) {
    fail(
      [...at, 'item'],
      `has no operation that reads, replaces, changes or deletes one object (${item})`,
      'give the path where GET answers one object',
    );
    return undefined;
  }
  const fields = listItemFields(version.document, resource);
  if (entry.idField !== undefined && fields.length > 0 && !fields.includes(entry.idField)) {
    fail(
      [...at, 'idField'],
      `is not a field of the objects of ${collection} (got "${entry.idField}")`,
      `fields: ${fields.join(', ')}`,
    );
    return undefined;
  }
  if (entry.seeds.length === 0) return resource;
  const seeds = resolveSeeds(resource, entry, at, fail);
  return seeds ? { ...resource, seeds } : undefined;
}

function resolveSeeds(
  resource: CatalogResource,
  entry: StatefulResourceEntry,
  at: PropertyKey[],
  fail: Report,
): CatalogResource['seeds'] | undefined {
  const { idField, parentParameters, collectionPath } = resource;
  if (idField === undefined) {
    fail(
      [...at, 'seeds'],
      `cannot be told apart: the objects of ${collectionPath} have no identifier field`,
      'name it with idField',
    );
    return undefined;
  }
  const missing = parentParameters.find((name) => entry.seedParams[name] === undefined);
  if (missing !== undefined) {
    fail(
      [...at, 'seedParams'],
      `lacks ${missing}, a placeholder of ${collectionPath}`,
      `say which parent the seeds belong to, e.g. seedParams: { ${missing}: … }`,
    );
    return undefined;
  }
  const extra = Object.keys(entry.seedParams).find((name) => !parentParameters.includes(name));
  if (extra !== undefined) {
    fail(
      [...at, 'seedParams', extra],
      `is not a placeholder of ${collectionPath}`,
      parentParameters.length > 0
        ? `placeholders here: ${parentParameters.join(', ')}`
        : 'a resource that is not nested needs no seedParams',
    );
    return undefined;
  }
  const seen = new Set<string>();
  const seeds: CatalogResource['seeds'] = [];
  for (const [index, value] of entry.seeds.entries()) {
    const id = toIdText(value[idField]);
    if (id === undefined) {
      fail(
        [...at, 'seeds', index],
        `has no ${idField}, the identifier field`,
        `give each seed its ${idField}`,
      );
      continue;
    }
    if (seen.has(id)) {
      fail(
        [...at, 'seeds', index, idField],
        `repeats the identifier "${id}"`,
        `give each seed its own ${idField}`,
      );
      continue;
    }
    seen.add(id);
    seeds.push({ params: { ...entry.seedParams }, id, value });
  }
  return seeds.length === entry.seeds.length ? seeds : undefined;
}

/** Every operation named under `operations` exists, and a resource answers it. */
function checkOperationNames(
  api: CatalogApi,
  section: SandboxStatefulEntry,
  resourcesOf: Map<CatalogVersion, CatalogResource[]>,
  fail: Report,
): void {
  for (const name of Object.keys(section.operations)) {
    const at = ['stateful', 'operations', name];
    const found = api.versions.flatMap((version) => {
      const operation = findOperationByReference(version, name);
      return operation ? [{ version, operation }] : [];
    });
    if (found.length === 0) {
      fail(
        at,
        `names no operation of ${api.id}${toVersionLabel(api.versions[0])}`,
        suggestOperations(api.versions[0], name),
      );
      continue;
    }
    const stateful = found.some(({ version, operation }) =>
      (resourcesOf.get(version) ?? []).some((resource) =>
        Object.values(resource.operations).some(
          (item) => toOperationKey(item) === `${operation.method} ${operation.path}`,
        ),
      ),
    );
    if (stateful) continue;
    const names = api.versions.flatMap((version) =>
      (resourcesOf.get(version) ?? []).flatMap((resource) =>
        Object.values(resource.operations).map(
          (item) =>
            findOperationByReference(version, toOperationKey(item))?.operationId ??
            toOperationKey(item),
        ),
      ),
    );
    const unique = [...new Set(names)];
    fail(
      at,
      'is not an operation of a resource, so the sandbox answers it from examples anyway',
      `operations of resources: ${unique.slice(0, 6).join(', ')}${unique.length > 6 ? ', …' : ''}`,
    );
  }
}

/** The resource with the operations the section leaves on; `undefined` when none is left. */
function switchOperations(
  version: CatalogVersion,
  resource: CatalogResource,
  section: SandboxStatefulEntry,
): CatalogResource | undefined {
  const kept: Partial<Record<ResourceRole, ResourceOperation>> = {};
  for (const [role, operation] of Object.entries(resource.operations) as [
    ResourceRole,
    ResourceOperation,
  ][]) {
    const key = toOperationKey(operation);
    const named = findOperationByReference(version, key);
    const byId =
      named?.operationId === undefined ? undefined : section.operations[named.operationId];
    if (byId ?? section.operations[key] ?? section.enabled) kept[role] = operation;
  }
  if (Object.keys(kept).length === 0) return undefined;
  const result: CatalogResource = { ...resource, operations: kept };
  if (!kept.list) delete result.list;
  if (!kept.update) delete result.patch;
  return result;
}
