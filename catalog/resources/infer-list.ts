import { isMapping } from '../openapi/check-document.ts';
import {
  parameterSchema,
  parametersIn,
  readSuccessAnswer,
  resolveValue,
  type OperationView,
} from './read-operation.ts';
import type { ResourceFilter, ResourceList, ResourcePaging } from './resource-model.ts';
import { isScalarSchema, readArrayItems, readObjectFields } from './schema-properties.ts';

/**
 * How a list operation answers, read from its parameters and its answer's schema: where the
 * objects are (the answer itself, or one array property of an envelope), how it pages, where it
 * says the total, and which query parameters filter on a field of the objects.
 */

/** Names of paging parameters as APIs write them (compared without case, `_` or `-`). */
const pageNames = ['page', 'pagenumber', 'pageno', 'pagenum', 'numeropage'];
const offsetNames = ['offset', 'skip', 'start', 'startindex', 'from', 'decalage', '$skip'];
const sizeNames = [
  'size',
  'pagesize',
  'perpage',
  'limit',
  'taille',
  'limite',
  'count',
  'maxresults',
  'max',
  '$top',
  'top',
];
const totalNames = [
  'total',
  'totalcount',
  'totalitems',
  'totalelements',
  'totalresults',
  'totalsize',
  'nombre',
  'count',
];

/** Objects per page when a list declares paging without a default. */
const fallbackPageSize = 20;

/**
 * The list's shape, or `undefined` when its answer holds no array the objects can be put in
 * (then the list answers from examples, as before).
 */
export function inferList(
  document: Record<string, unknown>,
  view: OperationView,
  itemSchema: unknown,
  idField: string | undefined,
  parentParameters: readonly string[],
): ResourceList | undefined {
  const answer = readSuccessAnswer(document, view);
  if (!answer?.schema) return undefined;
  const list: ResourceList = { filters: [] };
  if (readArrayItems(document, answer.schema) === undefined) {
    const itemsField = findItemsField(document, answer.schema, itemSchema, idField);
    if (itemsField === undefined) return undefined;
    list.itemsField = itemsField;
    const envelope = readObjectFields(document, answer.schema).properties;
    const total = findField(document, envelope, totalNames, itemsField);
    if (total) list.totalField = total;
  }
  const query = parametersIn(view, 'query');
  const paging = readPaging(document, query);
  if (paging) {
    list.paging = paging;
    if (list.itemsField !== undefined) {
      const envelope = readObjectFields(document, answer.schema).properties;
      const page = paging.kind === 'page' ? findField(document, envelope, pageNames) : undefined;
      const sizes = paging.sizeParameter === undefined ? sizeNames : [paging.sizeParameter];
      const size = findField(document, envelope, sizes.map(toKey));
      if (page) list.pageField = page;
      if (size) list.sizeField = size;
    }
  }
  const pagingNames = new Set([paging?.positionParameter, paging?.sizeParameter]);
  for (const parameter of query) {
    const name = String(parameter.name);
    if (pagingNames.has(name) || parentParameters.includes(name)) continue;
    if (!isScalarSchema(document, parameterSchema(document, parameter))) continue;
    const field = findFilterField(document, itemSchema, name);
    if (field) list.filters.push({ parameter: name, field } satisfies ResourceFilter);
  }
  return list;
}

function toKey(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** The envelope's array of objects: the one whose items are the item schema, else the only one. */
function findItemsField(
  document: unknown,
  schema: unknown,
  itemSchema: unknown,
  idField: string | undefined,
): string | undefined {
  const arrays = [...readObjectFields(document, schema).properties].flatMap(([name, value]) => {
    const items = readArrayItems(document, value);
    return items === undefined ? [] : [{ name, items }];
  });
  const resolvedItem = resolveValue(document, itemSchema);
  const same = arrays.find(({ items }) => items === resolvedItem);
  if (same) return same.name;
  if (idField !== undefined) {
    const holding = arrays.find(({ items }) =>
      readObjectFields(document, items).properties.has(idField),
    );
    if (holding) return holding.name;
  }
  return arrays.length === 1 ? arrays[0]?.name : undefined;
}

/** A number field named like one of `names`, in the envelope or one object below it. */
function findField(
  document: unknown,
  envelope: Map<string, Record<string, unknown>>,
  names: readonly string[],
  skip?: string,
): string[] | undefined {
  const isNumber = (schema: Record<string, unknown>): boolean => {
    const type = resolveValue(document, schema);
    return isMapping(type) && (type.type === 'integer' || type.type === 'number');
  };
  for (const [name, schema] of envelope) {
    if (names.includes(toKey(name)) && isNumber(schema)) return [name];
  }
  for (const [outer, schema] of envelope) {
    if (outer === skip) continue;
    for (const [name, inner] of readObjectFields(document, schema).properties) {
      if (names.includes(toKey(name)) && isNumber(inner)) return [outer, name];
    }
  }
  return undefined;
}

function readPaging(
  document: unknown,
  query: Record<string, unknown>[],
): ResourcePaging | undefined {
  const byKey = (names: readonly string[]): Record<string, unknown> | undefined =>
    query.find((parameter) => names.includes(toKey(String(parameter.name))));
  const page = byKey(pageNames);
  const offset = page ? undefined : byKey(offsetNames);
  const size = byKey(sizeNames);
  if (!page && !offset && !size) return undefined;
  const sizeSchema = size ? parameterSchema(document, size) : {};
  const paging: ResourcePaging = {
    kind: page ? 'page' : 'offset',
    firstPage: 0,
    defaultSize: readNumber(sizeSchema.default) ?? fallbackPageSize,
  };
  const position = page ?? offset;
  if (position) paging.positionParameter = String(position.name);
  if (size) paging.sizeParameter = String(size.name);
  const maxSize = readNumber(sizeSchema.maximum);
  if (maxSize !== undefined) {
    paging.maxSize = maxSize;
    paging.defaultSize = Math.min(paging.defaultSize, maxSize);
  }
  if (page) {
    const schema = parameterSchema(document, page);
    const first = readNumber(schema.minimum) ?? readNumber(schema.default) ?? 1;
    paging.firstPage = first === 0 ? 0 : 1;
  }
  return paging;
}

function readNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? value
    : value === 0
      ? 0
      : undefined;
}

/** The field a filter compares: a scalar field of the object, else one field of a field. */
function findFilterField(
  document: unknown,
  itemSchema: unknown,
  name: string,
): string[] | undefined {
  const fields = readObjectFields(document, itemSchema).properties;
  const own = fields.get(name);
  if (own && isScalarSchema(document, own)) return [name];
  const nested = [...fields].flatMap(([outer, schema]) => {
    const inner = readObjectFields(document, schema).properties.get(name);
    return inner && isScalarSchema(document, inner) ? [[outer, name]] : [];
  });
  return nested.length === 1 ? nested[0] : undefined;
}
