import type {
  CatalogOperation,
  CatalogVersion,
  ComponentSchema,
  OperationDetails,
  TagDetails,
  VersionReference,
} from '../../../catalog/index.ts';
import { createAnchorSet } from '../../../catalog/reference/to-anchor.ts';

/**
 * How one version's reference is laid out in pages. Most APIs fit one page: every operation,
 * grouped by tag, then the component schemas. An API too large for one page within the size
 * budget (EC2's 806 operations) gets one page per tag (a tag too large is cut in parts), one
 * page (or several) for its schemas, and its own page keeps the overview and the sidebar.
 */

/**
 * The size budget, in estimated characters of HTML; at most 256 KB of gzipped HTML at the
 * compression the corpus's pages get (bench:build prints the largest page measured). A version
 * whose reference exceeds it is split.
 */
export const pageBudget = 2_200_000;

/**
 * The budget of each page of a split version (a tag's page or a part of one, a schemas page),
 * in the same estimated characters: about 250 KB of HTML, what a phone loads and lays out fast
 * enough for Lighthouse's mobile profile to score 0.95 (bench:lighthouse measures a per-tag
 * page; a page of 45 operations, 1 MB of HTML, scored 0.35).
 */
export const partBudget = 150_000;

/** Fixed cost of one operation's markup (headings, labels, code samples, try-it) beyond its data. */
const operationOverhead = 5_000;

/** One operation with its details. */
export interface ReferenceEntry {
  operation: CatalogOperation;
  details: OperationDetails;
}

/** The operations under one tag (or without one), in document order. */
export interface ReferenceGroup {
  /** The tag, or `undefined` for operations without one. */
  tag: TagDetails | undefined;
  /**
   * A tag's operations, the operations without a tag, or a split API's webhooks. The plan is
   * made once per version for every language of the build, so it holds no interface words:
   * `formatGroupName` names the last two in the language of the page being rendered.
   */
  kind: 'tag' | 'untagged' | 'webhooks';
  /** The tag's name; for the other kinds a fixed English name the page slugs are made from. */
  name: string;
  anchor: string;
  entries: ReferenceEntry[];
}

/** A page of its own for a group (or a part of one), when the API is split. */
export interface GroupPage {
  /** URL segment under `tags/`, the same in every language. */
  slug: string;
  /** Which part of its group this page is, when the group is cut in several. */
  part: { index: number; count: number } | undefined;
  group: ReferenceGroup;
}

/** A page of component schemas, when the API is split: `schemas/`, then `schemas/2/`… */
export interface SchemaPage {
  /** `undefined` for the first page, `2`, `3`… after it. */
  part: string | undefined;
  schemas: ComponentSchema[];
}

export interface ReferencePlan {
  groups: ReferenceGroup[];
  webhooks: ReferenceEntry[];
  /** True when operations and schemas live on pages of their own. */
  split: boolean;
  pages: GroupPage[];
  schemaPages: SchemaPage[];
  /** The group page of each operation anchor (split APIs), webhooks on the `webhooks` page. */
  pageOf: ReadonlyMap<string, string>;
}

/** The slug of the page holding a split API's webhooks. */
export const webhooksSlug = 'webhooks';

/** Plans the pages of one version from its reference. */
export function planPages(
  version: Pick<CatalogVersion, 'operations'>,
  reference: VersionReference,
): ReferencePlan {
  const entries = version.operations.map((operation, index) => ({
    operation,
    details: reference.operations[index] ?? emptyDetails(operation.anchor),
  }));
  const groups = groupEntries(
    entries.filter((entry) => entry.operation.kind === 'operation'),
    reference.tags,
  );
  const webhooks = entries.filter((entry) => entry.operation.kind === 'webhook');
  const schemaWeights = reference.schemas.map(weighSchema);
  const total =
    entries.reduce((sum, entry) => sum + weighEntry(entry), 0) +
    schemaWeights.reduce((sum, weight) => sum + weight, 0);
  if (total <= pageBudget) {
    return { groups, webhooks, split: false, pages: [], schemaPages: [], pageOf: new Map() };
  }
  const pages = toGroupPages(groups, webhooks);
  const pageOf = new Map<string, string>();
  for (const page of pages) {
    for (const entry of page.group.entries) pageOf.set(entry.operation.anchor, page.slug);
  }
  return {
    groups,
    webhooks,
    split: true,
    pages,
    schemaPages: toSchemaPages(reference.schemas, schemaWeights),
    pageOf,
  };
}

function emptyDetails(anchor: string): OperationDetails {
  return { anchor, parameters: [], requestBody: undefined, responses: [], security: [] };
}

/** Groups by first tag, declared tags in their order, untagged operations last. */
function groupEntries(entries: ReferenceEntry[], tags: readonly TagDetails[]): ReferenceGroup[] {
  const byTag = new Map<string | undefined, ReferenceEntry[]>();
  for (const entry of entries) {
    const tag = entry.operation.tags[0];
    const list = byTag.get(tag) ?? [];
    list.push(entry);
    byTag.set(tag, list);
  }
  const groups: ReferenceGroup[] = [];
  for (const tag of tags) {
    const list = byTag.get(tag.name);
    if (list) groups.push({ tag, kind: 'tag', name: tag.name, anchor: tag.anchor, entries: list });
  }
  const untagged = byTag.get(undefined);
  if (untagged) {
    groups.push({
      tag: undefined,
      kind: 'untagged',
      name: 'Other operations',
      anchor: 'tag-other',
      entries: untagged,
    });
  }
  return groups;
}

function toGroupPages(groups: ReferenceGroup[], webhooks: ReferenceEntry[]): GroupPage[] {
  const slugs = createAnchorSet([webhooksSlug]);
  const pages: GroupPage[] = [];
  for (const group of groups) {
    const parts = cutByWeight(group.entries, weighEntry);
    parts.forEach((part, index) => {
      pages.push({
        slug: slugs.take(
          '',
          index === 0 ? group.name : `${group.name} ${String(index + 1)}`,
          'tag',
        ),
        part: parts.length === 1 ? undefined : { index: index + 1, count: parts.length },
        group: { ...group, entries: part },
      });
    });
  }
  if (webhooks.length > 0) {
    pages.push({
      slug: webhooksSlug,
      part: undefined,
      group: {
        tag: undefined,
        kind: 'webhooks',
        name: 'Webhooks',
        anchor: 'webhooks',
        entries: webhooks,
      },
    });
  }
  return pages;
}

function toSchemaPages(schemas: ComponentSchema[], weights: number[]): SchemaPage[] {
  if (schemas.length === 0) return [];
  const indexed = schemas.map((schema, index) => ({ schema, weight: weights[index] ?? 0 }));
  return cutByWeight(indexed, (item) => item.weight).map((part, index) => ({
    part: index === 0 ? undefined : String(index + 1),
    schemas: part.map((item) => item.schema),
  }));
}

/** Consecutive parts whose weights each stay within the part budget (one item at least). */
function cutByWeight<T>(items: readonly T[], weigh: (item: T) => number): T[][] {
  const parts: T[][] = [];
  let current: T[] = [];
  let weight = 0;
  for (const item of items) {
    const own = weigh(item);
    if (current.length > 0 && weight + own > partBudget) {
      parts.push(current);
      current = [];
      weight = 0;
    }
    current.push(item);
    weight += own;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** About the characters an operation's HTML takes: its data, its description, its markup. */
function weighEntry(entry: ReferenceEntry): number {
  return (
    JSON.stringify(entry.details).length +
    entry.operation.descriptionHtml.length +
    operationOverhead
  );
}

function weighSchema(schema: ComponentSchema): number {
  return JSON.stringify(schema).length;
}
