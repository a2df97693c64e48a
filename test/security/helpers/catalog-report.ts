import assert from 'node:assert/strict';
import { formatProblem, loadCatalog, type CatalogResult } from '../../../catalog/index.ts';
import { createHostileRepo, type HostileFile, type HostileRepo } from './hostile-repo.ts';

/**
 * Problems as the build prints them (`file:line — field — message — hint`), with the throwaway
 * repository's root taken off the paths so the text reads as it would in a real checkout.
 */
export function toRepoReport(result: CatalogResult, repo: HostileRepo): string[] {
  return result.problems.map((problem) => formatProblem(problem).replaceAll(`${repo.root}/`, ''));
}

/** Loads a hostile repository through the real catalog, as `lint:apis` and the build do. */
export async function reportFor(
  files: Record<string, HostileFile>,
  prepare?: (repo: HostileRepo) => Promise<void>,
): Promise<string[]> {
  const repo = await createHostileRepo(files);
  try {
    await prepare?.(repo);
    const result = await loadCatalog({
      apisDir: repo.apisDir,
      mocksDir: repo.mocksDir,
      audience: 'internal',
    });
    assert.equal(result.failed, true, 'the hostile input must fail the catalog');
    return toRepoReport(result, repo);
  } finally {
    await repo.remove();
  }
}
