import { resolve } from 'node:path';
import { checkConfined } from './confine-path.ts';
import { toDisplayPath } from './display-path.ts';
import { loadApi, type TriedDocument } from './load-api.ts';
import { listSubfolders } from './list-subfolders.ts';
import { loadSandboxes } from './load-stubs.ts';
import type { Catalog, CatalogApi } from './model.ts';
import { hasErrors, sortProblems, type CatalogProblem } from './problems.ts';
import { isVisibleTo, type Visibility } from './schema/lifecycle.ts';

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
  /**
   * What an API with errors does to the catalog. `fail` (the default): the whole catalog fails,
   * as `lint:apis` and pull-request builds need, so every mistake is fixed before it merges.
   * `leave-out`: the API is left out and the others kept, as the deploy build and the sandbox
   * need, so one broken API does not take every other down; the catalog still fails when no
   * API is left, or when `apis/` itself cannot be read.
   */
  brokenApis?: 'fail' | 'leave-out';
}

/**
 * A folder left out and why: an API's folder (the API is neither published nor mocked) or a
 * mocks folder (its stubs are not used; the API is mocked from its documents alone).
 */
export interface LeftOutFolder {
  /** The folder, as problems print it (`apis/depot`, `mocks/depot`). */
  folder: string;
  kind: 'api' | 'stubs';
  /** Its problems, errors among them. */
  problems: CatalogProblem[];
}

/** A catalog and everything wrong with `apis/`; the catalog is complete only without errors. */
export interface CatalogResult {
  catalog: Catalog;
  /** Every problem, in file order, those of left-out folders included. */
  problems: CatalogProblem[];
  /** Folders whose errors keep them out of the catalog, whichever `brokenApis` was asked for. */
  leftOut: LeftOutFolder[];
  /** True when nothing may be built from this catalog (see `brokenApis`). */
  failed: boolean;
  /**
   * Every entry document tried, left-out APIs' included: `lint:apis` runs Redocly on the checked
   * ones, so one run shows every problem, and never on the others, whose `$ref`s may lead out.
   */
  documents: TriedDocument[];
}

/**
 * Reads `apis/` once: every folder is an API, validated and joined with its documents and
 * guides. Problems are collected across all APIs so an owner sees every mistake in one run.
 * Folders starting with `_` or `.` are ignored (drafts, templates).
 */
export async function loadCatalog(options: LoadCatalogOptions = {}): Promise<CatalogResult> {
  const apisDir = resolve(options.apisDir ?? 'apis');
  const audience = options.audience ?? 'public';
  const general: CatalogProblem[] = [];
  const byFolder = new Map<string, CatalogProblem[]>();
  const problemsOf = (folder: string): CatalogProblem[] => {
    const list = byFolder.get(folder) ?? [];
    byFolder.set(folder, list);
    return list;
  };
  let folders: string[] = [];
  try {
    folders = (await listSubfolders(apisDir)).filter((name) => options.ids?.includes(name) ?? true);
  } catch {
    general.push({
      file: toDisplayPath(apisDir),
      line: 1,
      field: '(folder)',
      message: 'does not exist or cannot be read',
      hint: 'create it with one sub-folder per API, or set APIS_DIR to the folder holding them',
      severity: 'error',
    });
  }
  const loaded: CatalogApi[] = [];
  const documents: TriedDocument[] = [];
  for (const folder of folders) {
    const apiDir = resolve(apisDir, folder);
    const problems = problemsOf(toDisplayPath(apiDir));
    if (!(await checkConfined(apiDir, apisDir, problems))) continue;
    const api = await loadApi(apiDir, problems, documents);
    if (api) loaded.push(api);
  }
  const mocksDir =
    options.mocksDir === undefined ? resolve(apisDir, '..', 'mocks') : resolve(options.mocksDir);
  // An API with errors in its own folder was not loaded; one with broken stubs is kept bare.
  const apis = await loadSandboxes(mocksDir, loaded, folders, !options.ids, problemsOf);

  const apiFolders = new Set(folders.map((folder) => toDisplayPath(resolve(apisDir, folder))));
  const leftOut = [...byFolder]
    .filter(([, problems]) => hasErrors(problems))
    .map(([folder, problems]): LeftOutFolder => ({
      folder,
      kind: apiFolders.has(folder) ? 'api' : 'stubs',
      problems: sortProblems(problems),
    }))
    .sort((a, b) => a.folder.localeCompare(b.folder));
  const leaveOut = options.brokenApis === 'leave-out';
  const problems = sortProblems([
    ...general,
    ...[...byFolder.values()].flat(),
    ...(leaveOut ? leftOut.map(toLeftOutNotice) : []),
  ]);
  return {
    catalog: {
      audience,
      apis: apis
        .filter((api) => isVisibleTo(api.visibility, audience))
        .sort((a, b) => a.title.localeCompare(b.title, 'fr')),
    },
    problems,
    leftOut,
    documents,
    failed: leaveOut
      ? hasErrors(general) || (apis.length === 0 && leftOut.some((entry) => entry.kind === 'api'))
      : hasErrors(problems),
  };
}

/** Says, beside its own problems, that a folder is left out and what goes on without it. */
function toLeftOutNotice({ folder, kind, problems }: LeftOutFolder): CatalogProblem {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const because = `because of ${String(errors)} error${errors === 1 ? '' : 's'}`;
  const fix = `fix ${errors === 1 ? 'it' : 'them'}`;
  return {
    file: folder,
    line: 1,
    field: '(left out)',
    message:
      kind === 'api'
        ? `is left out of the portal and the sandbox ${because}`
        : `is left out of the sandbox ${because}`,
    hint:
      kind === 'api'
        ? `${fix}: every other API is published and mocked without this one`
        : `${fix}: until then the sandbox answers from the documents alone`,
    severity: 'warning',
  };
}
