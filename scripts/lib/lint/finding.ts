/** One thing `npm run lint:apis` reports, from any of its checks, located in a file. */
export interface Finding {
  /** Path relative to the repository root (absolute outside it). */
  file: string;
  line: number;
  column?: number;
  /** Which check found it: `catalog`, a Redocly rule id, or a `guichet/…` metadata rule. */
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  /** What to do about it; every check gives one. */
  hint: string;
}

/** Orders findings by file, line and rule, so reports read top to bottom and diff cleanly. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}
