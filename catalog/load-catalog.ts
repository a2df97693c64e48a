import { resolve } from 'node:path';
import { loadApi } from './load-api.ts';
import { listSubfolders } from './list-subfolders.ts';
import { loadSandboxes } from './load-stubs.ts';
import type { Catalog, CatalogApi } from './model.ts';
import { hasErrors, sortProblems, type CatalogProblem } from './problems.ts';
import { isVisibleTo, type Visibility } from './schema/lifecycle.ts';
import { checkConfined } from './confine-path.ts';
import { toDisplayPath } from './display-path.ts';

/** Where to read APIs from and whom the catalog is for. */
export interface LoadCatalogOptions {
  /** Folder of APIs; defaults to `apis` in the working directory. */
  apisDir?: string;
  /** Keep only the APIs this audience may see; defaults to `public`. */
  audience?: Visibility;
  /** Read only these API folders (the ones a pull request changed, say); defaults to all. */
  ids?: readonly string[];
  /**
   * Folder of the owners' sandbox stubs (`<api-id>/stubs.yaml`); defaults to `mocks` beside the
   * APIs folder, so a catalog read from elsewhere (a fixture, a temporary copy) never picks up
   * the repository's stubs.
   */
  mocksDir?: string;
}

/** A catalog and everything wrong with `apis/`; the catalog is complete only without errors. */
export interface CatalogResult {
  catalog: Catalog;
  problems: CatalogProblem[];
  /** True when the problems include errors: the build must stop. */
  failed: boolean;
}

/**
 * Reads `apis/` once: every folder is an API, validated and joined with its documents and
 * guides. Problems are collected across all APIs so an owner sees every mistake in one run.
 * Folders starting with `_` or `.` are ignored (drafts, templates).
 */
export async function loadCatalog(options: LoadCatalogOptions = {}): Promise<CatalogResult> {
  const apisDir = resolve(options.apisDir ?? 'apis');
  const audience = options.audience ?? 'public';
  const problems: CatalogProblem[] = [];
  let folders: string[] = [];
  try {
    folders = (await listSubfolders(apisDir)).filter((name) => options.ids?.includes(name) ?? true);
  } catch {
    problems.push({
      file: toDisplayPath(apisDir),
      line: 1,
      field: '(folder)',
      message: 'does not exist or cannot be read',
      hint: 'create it with one sub-folder per API, or set APIS_DIR to the folder holding them',
      severity: 'error',
    });
  }
  const loaded: CatalogApi[] = [];
  for (const folder of folders) {
    const apiDir = resolve(apisDir, folder);
    if (!(await checkConfined(apiDir, apisDir, problems))) continue;
    const api = await loadApi(apiDir, problems);
    if (api) loaded.push(api);
  }
  const mocksDir =
    options.mocksDir === undefined ? resolve(apisDir, '..', 'mocks') : resolve(options.mocksDir);
  const apis = await loadSandboxes(mocksDir, loaded, folders, !options.ids, problems);
  const sorted = sortProblems(problems);
  return {
    catalog: {
      audience,
      apis: apis
        .filter((api) => isVisibleTo(api.visibility, audience))
        .sort((a, b) => a.title.localeCompare(b.title, 'fr')),
    },
    problems: sorted,
    failed: hasErrors(sorted),
  };
}
