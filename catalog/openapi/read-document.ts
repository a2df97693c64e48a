import { dirname, resolve } from 'node:path';
import { isWithin, locateInside } from '../confine-path.ts';
import { documentFileHint, isDocumentFileName } from '../document-file-names.ts';
import { toDisplayPath } from '../display-path.ts';
import type { CatalogProblem } from '../problems.ts';
import { loopMessage, readSourceFile, type SourceFile } from '../source-file.ts';
import { getAt, splitRef, toPointerKeys } from './json-pointer.ts';
import { isLiteral } from './literal-values.ts';

/** An OpenAPI document as read from disk: its entry file and every file its `$ref`s reach. */
export interface DocumentFiles {
  entry: SourceFile;
  /** All files by absolute path, the entry first. */
  files: Map<string, SourceFile>;
  /** True when at least one `$ref` points to another file, so the document needs bundling. */
  hasExternalRefs: boolean;
}

/**
 * Reads an entry document and, following `$ref`s, every file it names. Each `$ref` is checked:
 * the file must exist inside the API's folder (documents must never pull in files from elsewhere
 * in the repository, nor from the network) and the pointer must lead somewhere.
 */
export async function readDocumentFiles(
  entryPath: string,
  apiDir: string,
  problems: CatalogProblem[],
): Promise<DocumentFiles | undefined> {
  const entry = await readSourceFile(entryPath, apiDir, problems);
  if (!entry) return undefined;
  const files = new Map<string, SourceFile>([[entryPath, entry]]);
  const pending: SourceFile[] = [entry];
  let hasExternalRefs = false;
  const checks: RefCheck[] = [];

  while (pending.length > 0) {
    const file = pending.pop() as SourceFile;
    for (const found of collectRefs(file.value)) {
      const { file: target, pointer } = splitRef(found.ref);
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        problems.push(
          refProblem(
            file,
            found.path,
            `points to a remote document (${found.ref})`,
            'copy the referenced part into the API folder and point to it with a relative path: the portal and its sandbox work offline',
          ),
        );
        continue;
      }
      let targetFile = file;
      if (target !== '') {
        hasExternalRefs = true;
        const targetPath = resolve(dirname(file.absolutePath), decodeURI(target));
        if (targetPath === apiDir || !isWithin(targetPath, apiDir)) {
          problems.push(
            refProblem(
              file,
              found.path,
              `points outside the API folder (${found.ref})`,
              `keep every file of the document inside ${toDisplayPath(apiDir)}`,
            ),
          );
          continue;
        }
        if ((await locateInside(targetPath, apiDir)) === 'outside') {
          problems.push(
            refProblem(
              file,
              found.path,
              `points outside the API folder through a symbolic link (${found.ref})`,
              `keep every file of the document inside ${toDisplayPath(apiDir)}, as a file rather than a link to one elsewhere`,
            ),
          );
          continue;
        }
        if (!isDocumentFileName(targetPath)) {
          problems.push(
            refProblem(
              file,
              found.path,
              `points to a file that is not .yaml, .yml or .json (${target})`,
              documentFileHint,
            ),
          );
          continue;
        }
        let loaded = files.get(targetPath);
        if (!loaded) {
          const refProblems: CatalogProblem[] = [];
          loaded = await readSourceFile(targetPath, apiDir, refProblems);
          if (!loaded) {
            const loop = refProblems.some((problem) => problem.message === loopMessage);
            const missing = refProblems.some((problem) => problem.field === '(file)');
            if (loop) {
              problems.push(
                refProblem(
                  file,
                  found.path,
                  `points to a loop of symbolic links (${target})`,
                  'replace the links with the file itself',
                ),
              );
            } else if (missing) {
              problems.push(
                refProblem(
                  file,
                  found.path,
                  `points to a file that does not exist (${target})`,
                  'check the file name and that the path is relative to this file',
                ),
              );
            } else {
              problems.push(...refProblems);
            }
            continue;
          }
          files.set(targetPath, loaded);
          pending.push(loaded);
        }
        targetFile = loaded;
      }
      checks.push({ from: file, path: found.path, ref: found.ref, target: targetFile, pointer });
    }
  }

  for (const check of checks) {
    if (getAt(check.target.value, toPointerKeys(check.pointer)) === undefined) {
      problems.push(
        refProblem(
          check.from,
          check.path,
          `points to nothing (${check.ref})`,
          suggestTarget(check.target.value, check.pointer),
        ),
      );
    }
  }
  return { entry, files, hasExternalRefs };
}

interface FoundRef {
  ref: string;
  /** Keys leading to the object that holds `$ref`. */
  path: string[];
}

interface RefCheck {
  from: SourceFile;
  path: string[];
  ref: string;
  target: SourceFile;
  pointer: string;
}

/** Finds every `$ref` string in a parsed value, iteratively (documents nest deeply). */
function collectRefs(root: unknown): FoundRef[] {
  const found: FoundRef[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string[] };
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, String(index)] }));
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      // Examples and defaults are literal data: a "$ref" key inside one is payload, not a reference.
      if (isLiteral(key, child, path)) continue;
      if (key === '$ref' && typeof child === 'string') found.push({ ref: child, path });
      else if (child !== null && typeof child === 'object')
        stack.push({ value: child, path: [...path, key] });
    }
  }
  return found;
}

function refProblem(
  file: SourceFile,
  path: string[],
  message: string,
  hint: string,
): CatalogProblem {
  return {
    file: file.displayPath,
    line: file.lineOf([...path, '$ref']),
    field: [...path, '$ref'].join('.'),
    message,
    hint,
    severity: 'error',
  };
}

/** Suggests what a broken pointer may have meant: the entries that do exist at its parent. */
function suggestTarget(value: unknown, pointer: string): string {
  const keys = toPointerKeys(pointer);
  const parent = getAt(value, keys.slice(0, -1));
  if (parent && typeof parent === 'object' && !Array.isArray(parent)) {
    const names = Object.keys(parent).slice(0, 8);
    if (names.length > 0) return `existing entries there: ${names.join(', ')}`;
  }
  return 'check the pointer after # against the target file';
}
