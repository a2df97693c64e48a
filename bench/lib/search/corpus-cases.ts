import type {
  Catalog,
  CatalogApi,
  CatalogOperation,
  CatalogVersion,
} from '../../../catalog/index.ts';
import { toSearchKey } from '../../../site/scripts/search-key.ts';
import type { AnchorLocator } from './locate-anchors.ts';
import type { SearchCase } from './search-cases.ts';

/** How many operations the corpus's queries are drawn from, and the draw's seed. */
export interface CorpusDraw {
  operations: number;
  seed: number;
}

/** The corpus's cases, and how many operations they could have been drawn from. */
export interface CorpusCases {
  cases: SearchCase[];
  eligible: number;
  drawn: number;
}

interface Candidate {
  api: CatalogApi;
  version: CatalogVersion;
  operation: CatalogOperation;
}

/**
 * Queries made from the corpus's own documents: a seeded draw of operations (of current
 * versions) whose summary the document wrote and no other operation of its API shares, and for
 * each its summary, its operationId (when it has one) and its path. A path search lands right
 * on any operation of that path in the same version: the path alone cannot name the method.
 * Operations of other APIs with the same summary, operationId or path are the case's
 * equivalents.
 */
export function toCorpusCases(
  catalog: Catalog,
  locator: AnchorLocator,
  draw: CorpusDraw,
): CorpusCases {
  const candidates: Candidate[] = [];
  for (const api of catalog.apis) {
    const version = api.versions.find((item) => item.id === api.currentVersionId);
    if (!version) continue;
    const counts = new Map<string, number>();
    for (const operation of version.operations) {
      const key = operation.summary.toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const operation of version.operations) {
      if (operation.kind !== 'operation' || !hasOwnSummary(operation)) continue;
      if (counts.get(operation.summary.toLowerCase()) !== 1) continue;
      candidates.push({ api, version, operation });
    }
  }
  const drawn = shuffle(candidates, draw.seed).slice(0, draw.operations);
  const elsewhere = indexOperations(catalog, locator);
  const equivalentsOf = (
    kind: 'summary' | 'operationId' | 'path',
    query: string,
    apiId: string,
  ): string[] =>
    (elsewhere[kind].get(toSearchKey(query)) ?? [])
      .filter((entry) => entry.apiId !== apiId)
      .map((entry) => entry.link);
  const cases: SearchCase[] = [];
  for (const { api, version, operation } of drawn) {
    const link = (anchor: string): string | undefined =>
      locator.locate(api.id, version.id, api.currentVersionId, anchor);
    const own = link(operation.anchor);
    if (!own) throw new Error(`bench:search: no indexed page holds ${api.id} ${operation.anchor}`);
    const target = `${api.id} ${operation.method} ${operation.path}`;
    cases.push({
      kind: 'summary',
      query: operation.summary,
      expected: [own],
      equivalents: equivalentsOf('summary', operation.summary, api.id),
      target,
    });
    if (operation.operationId?.trim()) {
      cases.push({
        kind: 'operationId',
        query: operation.operationId,
        expected: [own],
        equivalents: equivalentsOf('operationId', operation.operationId, api.id),
        target,
      });
    }
    const samePath = version.operations
      .filter((other) => other.kind === 'operation' && other.path === operation.path)
      .map((other) => link(other.anchor))
      .filter((found): found is string => found !== undefined);
    cases.push({
      kind: 'path',
      query: operation.path,
      expected: samePath,
      equivalents: equivalentsOf('path', operation.path, api.id),
      target,
    });
  }
  return { cases, eligible: candidates.length, drawn: drawn.length };
}

/** Where each summary, operationId and path (compared as the search compares) leads. */
function indexOperations(
  catalog: Catalog,
  locator: AnchorLocator,
): Record<'summary' | 'operationId' | 'path', Map<string, { apiId: string; link: string }[]>> {
  const index = { summary: new Map(), operationId: new Map(), path: new Map() } as Record<
    'summary' | 'operationId' | 'path',
    Map<string, { apiId: string; link: string }[]>
  >;
  const add = (
    kind: keyof typeof index,
    text: string | undefined,
    entry: { apiId: string; link: string },
  ): void => {
    if (!text?.trim()) return;
    const key = toSearchKey(text);
    index[kind].set(key, [...(index[kind].get(key) ?? []), entry]);
  };
  for (const api of catalog.apis) {
    const version = api.versions.find((item) => item.id === api.currentVersionId);
    for (const operation of version?.operations ?? []) {
      const link = locator.locate(
        api.id,
        api.currentVersionId,
        api.currentVersionId,
        operation.anchor,
      );
      if (!link) continue;
      const entry = { apiId: api.id, link };
      if (hasOwnSummary(operation)) add('summary', operation.summary, entry);
      add('operationId', operation.operationId, entry);
      add('path', operation.path, entry);
    }
  }
  return index;
}

/** The catalog falls back on the operationId, then on method and path, for a missing summary. */
function hasOwnSummary(operation: CatalogOperation): boolean {
  return (
    operation.summary !== operation.operationId &&
    operation.summary !== `${operation.method} ${operation.path}`
  );
}

/** A Fisher–Yates shuffle driven by a small seeded generator (mulberry32): same seed, same draw. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(next() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
