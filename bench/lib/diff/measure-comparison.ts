import {
  compareDocuments,
  type DocumentChange,
} from '../../../scripts/lib/diff/compare-documents.ts';

/** One timed comparison: the changes found and the CPU time it took. */
export interface Comparison {
  changes: DocumentChange[];
  cpuMs: number;
}

/**
 * Compares fresh copies of `before` and `after` as `npm run diff` does, and measures the CPU
 * time of the whole process (every thread, the collector's too) while it runs. The copies are
 * made, and garbage collected when the process runs with --expose-gc, before the clock starts.
 * Copies, because the comparison rewrites its inputs (api-smart-diff turns a `$ref` with
 * siblings into an `allOf` in place): comparing the same objects again would do other work
 * than the first time, and the rounds of the bench would not measure the same thing.
 */
export function measureComparison(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Comparison {
  const base = structuredClone(before);
  const head = structuredClone(after);
  globalThis.gc?.();
  const started = process.cpuUsage();
  const changes = compareDocuments(base, head);
  const used = process.cpuUsage(started);
  return { changes, cpuMs: (used.user + used.system) / 1000 };
}
