import type { CatalogApi, CatalogVersion, Lifecycle } from '../../../catalog/index.ts';
import { compareDocuments, type DocumentChange } from './compare-documents.ts';

/** How one version of an API changed between the base and the head. */
export interface VersionDiff {
  id: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** `info.version` before and after. */
  labels: { before?: string; after?: string };
  /** Lifecycle at the base (the promise consumers relied on), else at the head. */
  lifecycle: Lifecycle;
  changes: DocumentChange[];
  /** True when `info.version` moved to a new major version with the change. */
  newMajor: boolean;
  /** The version's id at the base, the one consumers have been calling. */
  baseId?: string;
}

/** How one API changed, and whether its breaking-change policy is kept. */
export interface ApiDiff {
  id: string;
  title: string;
  status: 'added' | 'removed' | 'changed';
  policy: CatalogApi['breakingChanges'];
  versions: VersionDiff[];
  /** Breaches of the policy, in words; the pull request fails on them under `require-new-major`. */
  violations: string[];
}

/** Compares an API at the base and at the head (either may be absent). */
export function diffApi(
  id: string,
  before: CatalogApi | undefined,
  after: CatalogApi | undefined,
): ApiDiff {
  const api = after ?? before;
  if (!api) throw new Error(`API ${id} is on neither side`);
  const versions = pairVersions(before, after).map(([versionBefore, versionAfter]) =>
    diffVersion(versionBefore, versionAfter),
  );
  return {
    id,
    title: api.title,
    status: !before ? 'added' : !after ? 'removed' : 'changed',
    policy: api.breakingChanges,
    versions,
    violations: versions.flatMap((version) => findViolations(version)),
  };
}

/**
 * Pairs versions by id. A version whose id changed but whose document stayed in the same file is
 * the same version moved to a new major (`openapi.yaml` going from 1.4.0 to 2.0.0 turns the
 * derived id v1 into v2): it is compared with itself rather than reported as removed and added.
 */
function pairVersions(
  before: CatalogApi | undefined,
  after: CatalogApi | undefined,
): [CatalogVersion | undefined, CatalogVersion | undefined][] {
  const pairs: [CatalogVersion | undefined, CatalogVersion | undefined][] = [];
  const unmatched = new Set(after?.versions ?? []);
  for (const version of before?.versions ?? []) {
    const match =
      [...unmatched].find((candidate) => candidate.id === version.id) ??
      [...unmatched].find(
        (candidate) =>
          candidate.entryFile === version.entryFile &&
          !before?.versions.some((other) => other.id === candidate.id),
      );
    if (match) unmatched.delete(match);
    pairs.push([version, match]);
  }
  for (const version of unmatched) pairs.push([undefined, version]);
  return pairs;
}

function diffVersion(
  before: CatalogVersion | undefined,
  after: CatalogVersion | undefined,
): VersionDiff {
  const id =
    before && after && before.id !== after.id
      ? `${before.id} → ${after.id}`
      : ((after ?? before)?.id ?? '?');
  const labels = {
    ...(before ? { before: before.label } : {}),
    ...(after ? { after: after.label } : {}),
  };
  const lifecycle = (before ?? after)?.lifecycle ?? 'stable';
  if (!before || !after) {
    const removedOperations: DocumentChange[] = (before?.operations ?? []).map((operation) => ({
      breaking: true,
      description: `[Removed] operation ${operation.method} ${operation.path} (the whole version is gone)`,
      operation: `${operation.method} ${operation.path}`,
      path: ['paths', operation.path, operation.method.toLowerCase()],
      ...(operation.operationId === undefined ? {} : { operationId: operation.operationId }),
    }));
    return {
      id,
      status: before ? 'removed' : 'added',
      labels,
      lifecycle,
      changes: removedOperations,
      newMajor: false,
    };
  }
  const changes = compareDocuments(before.document, after.document).map((change) =>
    withOperationId(change, before),
  );
  return {
    id,
    baseId: before.id,
    status: changes.length > 0 || before.label !== after.label ? 'changed' : 'unchanged',
    labels,
    lifecycle,
    changes,
    newMajor: toMajor(after.label) > toMajor(before.label),
  };
}

/**
 * A stable version may only break consumers by becoming a new major version; removing it
 * outright must go through deprecation first. Draft and beta versions may change freely.
 */
function findViolations(version: VersionDiff): string[] {
  if (version.lifecycle !== 'stable') return [];
  const breaking = version.changes.filter((change) => change.breaking).length;
  if (version.status === 'removed') {
    return [`stable version ${version.id} is removed without being deprecated first`];
  }
  if (breaking > 0 && !version.newMajor) {
    return [
      `stable version ${version.id} has ${String(breaking)} breaking change(s) but stays at major version ${String(toMajor(version.labels.after ?? ''))} (${version.labels.before ?? '?'} → ${version.labels.after ?? '?'})`,
    ];
  }
  return [];
}

/** Leading number of a version label (`2.1.0` → 2, `v3` → 3); -1 when there is none. */
function toMajor(label: string): number {
  const match = /^v?(\d+)/i.exec(label.trim());
  return match?.[1] ? Number(match[1]) : -1;
}

/** Names the changed operation as the sandbox counts it: its `operationId` at the base. */
function withOperationId(change: DocumentChange, before: CatalogVersion): DocumentChange {
  const operation = before.operations.find(
    (candidate) => `${candidate.method} ${candidate.path}` === change.operation,
  );
  return operation?.operationId === undefined
    ? change
    : { ...change, operationId: operation.operationId };
}
