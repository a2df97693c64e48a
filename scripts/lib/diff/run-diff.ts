import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadCatalog, type CatalogProblem } from '../../../catalog/index.ts';
import { extractAtRef, isCommit, runGit } from '../git/run-git.ts';
import { diffApi, type ApiDiff } from './diff-apis.ts';
import { listChangedApis } from './list-changed-apis.ts';

/** What `npm run diff` compares. */
export interface DiffOptions {
  /** The git ref the pull request targets. */
  base: string;
  apisDir: string;
}

/** The diffs, or the problems that prevent them (the head does not build). */
export type DiffOutcome =
  | { status: 'compared'; diffs: ApiDiff[] }
  | { status: 'invalid'; problems: CatalogProblem[] }
  | { status: 'unknown-base' };

/**
 * Compares every API changed between `base` and the work tree. Both sides go through the one
 * catalog loader: the base's API folders are extracted from git into a temporary folder first.
 */
export async function runDiff(options: DiffOptions): Promise<DiffOutcome> {
  if (!(await isCommit(options.base))) return { status: 'unknown-base' };
  const ids = await listChangedApis(options.base, options.apisDir);
  if (ids.length === 0) return { status: 'compared', diffs: [] };

  const head = await loadCatalog({ apisDir: options.apisDir, audience: 'internal', ids });
  if (head.failed) return { status: 'invalid', problems: head.problems };

  const root = (await runGit(['rev-parse', '--show-toplevel'])).trim();
  const apisFromRoot = relative(root, resolve(options.apisDir)).split('\\').join('/');
  const scratch = await mkdtemp(join(tmpdir(), 'guichet-diff-'));
  try {
    await extractAtRef(
      options.base,
      ids.map((id) => `${apisFromRoot}/${id}`),
      scratch,
      root,
    );
    // A base that did not build is compared as far as it goes: its broken APIs count as absent.
    const base = await loadCatalog({
      apisDir: join(scratch, apisFromRoot),
      audience: 'internal',
      ids,
    });
    return {
      status: 'compared',
      diffs: ids.map((id) =>
        diffApi(
          id,
          base.catalog.apis.find((api) => api.id === id),
          head.catalog.apis.find((api) => api.id === id),
        ),
      ),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
