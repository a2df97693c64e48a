import type { ResourceList } from '../../catalog/index.ts';
import { findRequestErrors } from '../prism/prism-checks.ts';
import { getPath, isJsonObject, setOwn, setPath, type JsonObject } from './json-values.ts';
import { findOwnAnswer } from './object-schema.ts';
import {
  answerJson,
  parseStored,
  refuseFindings,
  type StatefulCall,
  type StatefulOutcome,
} from './stateful-call.ts';

/**
 * `GET` on a collection: the consumer's objects, oldest first, kept when every filter the
 * request gives matches its field (equality, as text), paged as the document declares, in the
 * answer's envelope (the document's example around them, its total, page and size set) or as
 * the array itself.
 */
export async function listObjects(call: StatefulCall): Promise<StatefulOutcome> {
  const { route, input } = call;
  const errors = findRequestErrors(route.operation, input);
  if (errors.length > 0) return refuseFindings(errors);
  const list = route.resource.list ?? { filters: [] };
  const query = input.url.query ?? {};
  const stored = await call.store.list(call.scope, call.key);
  const matching = stored
    .map((item) => parseStored(item.text))
    .filter((object) => matchesFilters(object, list, query));
  const page = readPage(list, query);
  const items = matching.slice(page.start, page.start + page.size);
  const own = findOwnAnswer(route.operation);
  if (!own) return answerJson(200, 'application/json', items);
  if (list.itemsField === undefined) return answerJson(own.status, own.mediaType, items);
  const envelope: JsonObject = isJsonObject(own.example) ? { ...own.example } : {};
  setOwn(envelope, list.itemsField, items);
  if (list.totalField) setPath(envelope, list.totalField, matching.length);
  if (list.pageField && page.number !== undefined) setPath(envelope, list.pageField, page.number);
  if (list.sizeField && list.paging) setPath(envelope, list.sizeField, page.size);
  return answerJson(own.status, own.mediaType, envelope);
}

function matchesFilters(
  object: JsonObject,
  list: ResourceList,
  query: Record<string, string | string[]>,
): boolean {
  return list.filters.every((filter) => {
    const asked = query[filter.parameter];
    if (asked === undefined) return true;
    const wanted = Array.isArray(asked) ? asked : [asked];
    const value = getPath(object, filter.field);
    if (value === undefined || value === null || typeof value === 'object') return false;
    return wanted.includes(typeof value === 'string' ? value : JSON.stringify(value));
  });
}

/** Where the page starts, how long it is, and its number when the list pages by number. */
function readPage(
  list: ResourceList,
  query: Record<string, string | string[]>,
): { start: number; size: number; number?: number } {
  const { paging } = list;
  if (!paging) return { start: 0, size: Number.MAX_SAFE_INTEGER };
  const read = (name: string | undefined): number | undefined => {
    if (name === undefined) return undefined;
    const raw = query[name];
    const text = Array.isArray(raw) ? raw[0] : raw;
    const value = text === undefined ? Number.NaN : Number(text);
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  };
  const asked = read(paging.sizeParameter) ?? paging.defaultSize;
  const size = Math.max(1, Math.min(asked, paging.maxSize ?? asked));
  const position = read(paging.positionParameter);
  if (paging.kind === 'offset') return { start: position ?? 0, size };
  const number = Math.max(position ?? paging.firstPage, paging.firstPage);
  return { start: (number - paging.firstPage) * size, size, number };
}
