/**
 * Build-time problems: every mistake an API owner can make in `apis/` becomes one
 * `CatalogProblem`, collected rather than thrown, so a build reports all of them at once.
 */

/** One mistake found while reading `apis/`, located as precisely as the source allows. */
export interface CatalogProblem {
  /** Path of the file at fault, relative to the repository root (`apis/tax/api.yaml`), absolute outside it. */
  file: string;
  /** 1-based line in that file; 1 when the problem concerns the whole file. */
  line: number;
  /** Dotted path of the field at fault (`versions.0.sunset`), or a label such as `(yaml)`. */
  field: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** How to fix it. */
  hint: string;
  /** Errors fail the build; warnings are printed and the build goes on. */
  severity: 'error' | 'warning';
}

/** Formats a problem as `file:line — field — message — hint`, the form the build prints. */
export function formatProblem(problem: CatalogProblem): string {
  return `${problem.file}:${problem.line} — ${problem.field} — ${problem.message} — ${problem.hint}`;
}

/** Orders problems by file then line, so the report reads top to bottom. */
export function sortProblems(problems: readonly CatalogProblem[]): CatalogProblem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.field.localeCompare(b.field),
  );
}

/** True when at least one problem must fail the build. */
export function hasErrors(problems: readonly CatalogProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** Joins a field path (`['versions', 0, 'sunset']`) the way problems print it. */
export function toFieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map(String).join('.');
}
