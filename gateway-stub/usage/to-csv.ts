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

/**
 * A CSV document: a header line, then one line per row, CRLF-terminated (RFC 4180). An
 * export's texts repeat on line after line (its APIs, versions, consumers, plans): each is
 * checked and quoted once.
 */
export function toCsv<T extends string>(
  columns: readonly T[],
  rows: readonly Record<T, string | number | null>[],
): string {
  const cells = new Map<string, string>();
  const toCell = (value: string | number | null): string => {
    if (typeof value !== 'string') return toCsvCell(value);
    let cell = cells.get(value);
    if (cell === undefined) {
      cell = toCsvCell(value);
      cells.set(value, cell);
    }
    return cell;
  };
  let text = `${columns.join(',')}\r\n`;
  for (const row of rows) {
    let line = '';
    for (let index = 0; index < columns.length; index += 1) {
      const column = columns[index] as T;
      line += index === 0 ? toCell(row[column]) : `,${toCell(row[column])}`;
    }
    text += `${line}\r\n`;
  }
  return text;
}
