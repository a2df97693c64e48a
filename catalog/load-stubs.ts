import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { closest, describeIssue } from './describe-issue.ts';
import type { CatalogApi, CatalogSandbox, CatalogVersion } from './model.ts';
import { toFieldPath, type CatalogProblem } from './problems.ts';
import { resolveStateful } from './resolve-stateful.ts';
import { resolveStubs } from './resolve-stubs.ts';
import { sandboxStubsSchema } from './schema/sandbox-stubs.ts';
import { checkConfined } from './confine-path.ts';
import { toDisplayPath } from './display-path.ts';
import { listSubfolders } from './list-subfolders.ts';
import { readSourceFile } from './source-file.ts';

/** File names the catalog accepts for an API's sandbox stubs, in order of preference. */
export const stubsFileNames = ['stubs.yaml', 'stubs.yml'] as const;

/**
 * Reads `mocks/`, the owners' sandbox-only behaviour: each API's `mocks/<api-id>/stubs.yaml`
 * is validated, checked against the API's documents and attached as `sandbox`. A missing
 * `mocks/` folder is fine; a folder there that names no API is a problem, unless only some
 * APIs were read (`readAll` false). Problems are filed under their mocks folder (`problemsOf`):
 * a broken stubs file costs the API its stubs in the sandbox, never the API itself.
 */
export async function loadSandboxes(
  mocksDir: string,
  apis: readonly CatalogApi[],
  apiFolders: readonly string[],
  readAll: boolean,
  problemsOf: (folder: string) => CatalogProblem[],
): Promise<CatalogApi[]> {
  const folders = await listFolders(mocksDir);
  if (readAll) {
    for (const folder of folders.filter((name) => !apiFolders.includes(name))) {
      const guess = closest(folder, apiFolders);
      const path = toDisplayPath(join(mocksDir, folder));
      problemsOf(path).push({
        file: path,
        line: 1,
        field: '(folder name)',
        message: `names no API of the catalog (no folder "${folder}" among the APIs)`,
        hint: guess
          ? `did you mean "${guess}"? The folder must be named like the API's folder`
          : "name the folder like the API's folder, or remove it",
        severity: 'error',
      });
    }
  }
  const result: CatalogApi[] = [];
  for (const api of apis) {
    const dir = join(mocksDir, api.id);
    const problems = problemsOf(toDisplayPath(dir));
    const loaded =
      folders.includes(api.id) && (await checkConfined(dir, mocksDir, problems))
        ? await loadSandbox(dir, api, problems)
        : undefined;
    result.push(loaded ? { ...api, versions: loaded.versions, sandbox: loaded.sandbox } : api);
  }
  return result;
}

/**
 * Reads one API's stubs file: the sandbox's stubs, and the versions with the resources its
 * `stateful` section leaves on; `undefined` when there is no file or it has problems.
 */
export async function loadSandbox(
  dir: string,
  api: CatalogApi,
  problems: CatalogProblem[],
): Promise<{ sandbox: CatalogSandbox; versions: CatalogVersion[] } | undefined> {
  const path = await findStubsFile(dir);
  if (!path) return undefined;
  const file = await readSourceFile(path, dir, problems);
  if (!file) return undefined;
  // An empty file is a valid start: no stubs yet.
  const input = file.value ?? {};
  const parsed = sandboxStubsSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      for (const described of describeIssue(issue, sandboxStubsSchema, input)) {
        problems.push({
          file: file.displayPath,
          line: file.lineOf(described.path),
          field: toFieldPath(described.path),
          message: described.message,
          hint: described.hint,
          severity: 'error',
        });
      }
    }
    return undefined;
  }
  const before = problems.length;
  const { examples, stubs } = resolveStubs(api, file, parsed.data, problems);
  const versions = resolveStateful(api, parsed.data.stateful, (path, message, hint) => {
    problems.push({
      file: file.displayPath,
      line: file.lineOf(path),
      field: path.map(String).join('.'),
      message,
      hint,
      severity: 'error',
    });
  });
  if (problems.length > before || !versions) return undefined;
  return { sandbox: { file: file.displayPath, examples, stubs }, versions };
}

async function listFolders(dir: string): Promise<string[]> {
  try {
    return await listSubfolders(dir);
  } catch {
    // No mocks/ folder: no API has stubs, which is the usual case.
    return [];
  }
}

async function findStubsFile(dir: string): Promise<string | undefined> {
  for (const name of stubsFileNames) {
    const path = join(dir, name);
    try {
      await access(path);
      return path;
    } catch {
      // Not this name; try the next.
    }
  }
  return undefined;
}
