import type { CatalogOperation } from '../../catalog/index.ts';

/** Operations under one tag, as the API page lists them. */
export interface OperationGroup {
  /** The tag, or `undefined` for operations without one. */
  tag: string | undefined;
  /** Anchor of the group's heading, distinct from any operation anchor. */
  anchor: string;
  operations: CatalogOperation[];
}

/**
 * Groups operations by their first tag, in the order tags first appear, untagged last; webhooks
 * are left out (the page lists them separately). An operation appears once even with many tags,
 * so its anchor stays unique on the page.
 */
export function groupOperations(operations: readonly CatalogOperation[]): OperationGroup[] {
  const groups = new Map<string | undefined, CatalogOperation[]>();
  for (const operation of operations) {
    if (operation.kind !== 'operation') continue;
    const tag = operation.tags[0];
    const group = groups.get(tag) ?? [];
    group.push(operation);
    groups.set(tag, group);
  }
  const taken = new Set(operations.map((operation) => operation.anchor));
  const ordered = [...groups.entries()].sort(
    ([a], [b]) => Number(a === undefined) - Number(b === undefined),
  );
  return ordered.map(([tag, list]) => ({
    tag,
    anchor: toGroupAnchor(tag ?? 'other', taken),
    operations: list,
  }));
}

/** Webhooks of a version, in document order. */
export function listWebhooks(operations: readonly CatalogOperation[]): CatalogOperation[] {
  return operations.filter((operation) => operation.kind === 'webhook');
}

function toGroupAnchor(tag: string, taken: Set<string>): string {
  const base = `tag-${
    tag
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'other'
  }`;
  let anchor = base;
  for (let index = 2; taken.has(anchor); index += 1) anchor = `${base}-${String(index)}`;
  taken.add(anchor);
  return anchor;
}
