import { isTemplatedPath, parsePathTemplate } from '../openapi/path-template.ts';
import type { CatalogOperation } from '../openapi/list-operations.ts';
import { collectSeeds } from './collect-seeds.ts';
import { findIdentifierField, readIdentifierSchema } from './find-identifier.ts';
import { inferList } from './infer-list.ts';
import { readObjectFields } from './schema-properties.ts';
import {
  listMethods,
  listPathItems,
  listRequestMediaTypes,
  parameterSchema,
  parametersIn,
  readOperation,
  readRequestSchema,
  readSuccessAnswer,
  type OperationView,
} from './read-operation.ts';
import type {
  CatalogResource,
  ResourceOperation,
  ResourceRole,
  StatefulMark,
} from './resource-model.ts';

/**
 * Finds the resources of a bundled document: a collection path with `POST` and, one segment
 * below, an item path ending in a placeholder with `GET` (`/declarations` and
 * `/declarations/{declarationId}`, `/dossiers/{dossierId}/pieces` and
 * `/dossiers/{dossierId}/pieces/{pieceId}`). Pure: the same document gives the same resources.
 */
export function inferResources(document: Record<string, unknown>): CatalogResource[] {
  const items = new Map(listPathItems(document).map(({ path, item }) => [path, item]));
  const resources: CatalogResource[] = [];
  for (const [itemPath, item] of items) {
    const collectionPath = toCollectionPath(itemPath);
    if (collectionPath === undefined) continue;
    const collection = items.get(collectionPath);
    if (!collection || !listMethods(document, collection).includes('POST')) continue;
    if (!listMethods(document, item).includes('GET')) continue;
    const resource = describeResource(document, collectionPath, itemPath, {});
    if (resource) resources.push(resource);
  }
  return resources;
}

/**
 * The collection path of an item path whose last segment is one placeholder and whose
 * segment before is plain text (`/a/{x}/b/{y}` → `/a/{x}/b`); `undefined` otherwise.
 */
export function toCollectionPath(itemPath: string): string | undefined {
  const cut = itemPath.lastIndexOf('/');
  if (cut <= 0) return undefined;
  const last = itemPath.slice(cut + 1);
  if (!/^\{[^{}/]+\}$/.test(last)) return undefined;
  const collectionPath = itemPath.slice(0, cut);
  const name = collectionPath.slice(collectionPath.lastIndexOf('/') + 1);
  return name === '' || isTemplatedPath(name) ? undefined : collectionPath;
}

/** What an owner's stubs file may set on a resource instead of inference. */
export interface ResourceChoices {
  idField?: string | undefined;
  source?: CatalogResource['source'];
}

/**
 * Describes the resource at two paths of the document: its operations by role, identifier,
 * list shape, patch formats and seeds. `undefined` when the item path ends in no placeholder
 * or no operation there reads or changes an object.
 */
export function describeResource(
  document: Record<string, unknown>,
  collectionPath: string,
  itemPath: string,
  choices: ResourceChoices,
): CatalogResource | undefined {
  const items = new Map(listPathItems(document).map(({ path, item }) => [path, item]));
  const itemNames = parsePathTemplate(itemPath).names;
  const idParameter = itemNames.at(-1);
  if (idParameter === undefined || !itemPath.endsWith(`{${idParameter}}`)) return undefined;
  const view = (path: string, method: string): OperationView | undefined => {
    const item = items.get(path);
    return item ? readOperation(document, item, path, method) : undefined;
  };
  const views: Partial<Record<ResourceRole, OperationView | undefined>> = {
    create: view(collectionPath, 'POST'),
    list: view(collectionPath, 'GET'),
    read: view(itemPath, 'GET'),
    replace: view(itemPath, 'PUT'),
    update: view(itemPath, 'PATCH'),
    delete: view(itemPath, 'DELETE'),
  };
  if (!views.read && !views.replace && !views.update && !views.delete) return undefined;
  const itemSchema = findItemSchema(document, views);
  const name = collectionPath.slice(collectionPath.lastIndexOf('/') + 1);
  const idField = choices.idField ?? findIdentifierField(document, itemSchema, idParameter, name);
  const idView = views.read ?? views.replace ?? views.update ?? views.delete;
  const idParameterObject = idView
    ? parametersIn(idView, 'path').find((parameter) => parameter.name === idParameter)
    : undefined;
  const parentParameters = parsePathTemplate(collectionPath).names;
  const resource: CatalogResource = {
    name,
    collectionPath,
    itemPath,
    idParameter,
    parentParameters,
    ...(idField === undefined ? {} : { idField }),
    idSchema: readIdentifierSchema(
      document,
      itemSchema,
      idField,
      idParameterObject ? parameterSchema(document, idParameterObject) : {},
    ),
    operations: {},
    seeds: [],
    source: choices.source ?? 'document',
  };
  if (views.list) {
    const list = inferList(document, views.list, itemSchema, idField, parentParameters);
    if (list) resource.list = list;
    else delete views.list;
  }
  if (views.update) {
    const types = listRequestMediaTypes(document, views.update).map((type) => type.toLowerCase());
    const jsonPatch = types.some((type) => type.startsWith('application/json-patch+json'));
    const mergePatch = types.some(
      (type) =>
        type.startsWith('application/merge-patch+json') || type.startsWith('application/json'),
    );
    if (jsonPatch || mergePatch) resource.patch = { mergePatch, jsonPatch };
    else delete views.update;
  }
  for (const [role, found] of Object.entries(views) as [
    ResourceRole,
    OperationView | undefined,
  ][]) {
    if (found) resource.operations[role] = { method: found.method, path: found.path };
  }
  resource.seeds = collectSeeds(
    document,
    { list: views.list, read: views.read },
    resource.list?.itemsField,
    idField,
    parentParameters,
  );
  return resource;
}

/** An object's schema: what reading one answers, else what replacing one reads, else creating. */
function findItemSchema(
  document: Record<string, unknown>,
  views: Partial<Record<ResourceRole, OperationView | undefined>>,
): Record<string, unknown> | undefined {
  return (
    (views.read && readSuccessAnswer(document, views.read)?.schema) ??
    (views.replace && readRequestSchema(document, views.replace)) ??
    (views.create && readSuccessAnswer(document, views.create)?.schema)
  );
}

/** The field names the schema of a resource's objects declares (empty when it declares none). */
export function listItemFields(
  document: Record<string, unknown>,
  resource: CatalogResource,
): string[] {
  const items = new Map(listPathItems(document).map(({ path, item }) => [path, item]));
  const views: Partial<Record<ResourceRole, OperationView | undefined>> = {};
  for (const role of ['read', 'replace', 'create'] as const) {
    const operation = resource.operations[role];
    const item = operation && items.get(operation.path);
    if (operation && item)
      views[role] = readOperation(document, item, operation.path, operation.method);
  }
  return [...readObjectFields(document, findItemSchema(document, views)).properties.keys()];
}

/** `METHOD /path` of an operation, the key the marks are found by. */
export function toOperationKey(operation: ResourceOperation): string {
  return `${operation.method} ${operation.path}`;
}

/** The role each operation of the resources plays, by `METHOD /path`. */
export function toStatefulMarks(resources: readonly CatalogResource[]): Map<string, StatefulMark> {
  const marks = new Map<string, StatefulMark>();
  for (const resource of resources) {
    for (const [role, operation] of Object.entries(resource.operations) as [
      ResourceRole,
      ResourceOperation,
    ][]) {
      const key = toOperationKey(operation);
      if (!marks.has(key)) marks.set(key, { resource: resource.collectionPath, role });
    }
  }
  return marks;
}

/** The version's operations with `stateful` set on those a resource answers, and only those. */
export function markStatefulOperations(
  operations: readonly CatalogOperation[],
  resources: readonly CatalogResource[],
): CatalogOperation[] {
  const marks = toStatefulMarks(resources);
  return operations.map((operation) => {
    const mark = operation.kind === 'operation' ? marks.get(toOperationKey(operation)) : undefined;
    const marked = { ...operation };
    if (mark) marked.stateful = mark;
    else delete marked.stateful;
    return marked;
  });
}
