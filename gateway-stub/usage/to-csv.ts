/**
 * A cell of the export as RFC 4180 wants it, and safe to open in a spreadsheet: a text that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so it is
 * shown, never run as a formula (OWASP's CSV injection advice). Operation and consumer names
 * come from documents and requests: hostile.
 */
export function toCsvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: a header line, then one line per row, CRLF-terminated (RFC 4180). */
export function toCsv<T extends string>(
  columns: readonly T[],
  rows: readonly Record<T, string | number | null>[],
): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((column) => toCsvCell(row[column])).join(','));
  return lines.join('\r\n') + '\r\n';
}
