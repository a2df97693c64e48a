import type { Finding } from './finding.ts';

/** Output forms of `npm run lint:apis`: for people, for tools, and for CI annotations. */
export const findingFormats = ['text', 'json', 'github-actions'] as const;

export type FindingFormat = (typeof findingFormats)[number];

/** Renders findings in the requested form; the text form ends with the totals. */
export function formatFindings(findings: readonly Finding[], format: FindingFormat): string {
  if (format === 'json')
    return JSON.stringify({ totals: countFindings(findings), findings }, null, 2);
  if (format === 'github-actions') return findings.map(toAnnotation).join('\n');
  const lines = findings.map((finding) => {
    const place = `${finding.file}:${String(finding.line)}${finding.column ? `:${String(finding.column)}` : ''}`;
    return `${place} — ${finding.severity} — ${finding.rule} — ${finding.message} — ${finding.hint}`;
  });
  const { errors, warnings } = countFindings(findings);
  lines.push(`${String(errors)} error(s), ${String(warnings)} warning(s)`);
  return lines.join('\n');
}

/** Counts errors and warnings. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

/** GitHub's workflow command, so findings show on the pull request's changed lines. */
function toAnnotation(finding: Finding): string {
  const level = finding.severity === 'error' ? 'error' : 'warning';
  const column = finding.column ? `,col=${String(finding.column)}` : '';
  const message = `${finding.message} — ${finding.hint}`;
  return `::${level} file=${escapeProperty(finding.file)},line=${String(finding.line)}${column},title=${escapeProperty(finding.rule)}::${escapeData(message)}`;
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
