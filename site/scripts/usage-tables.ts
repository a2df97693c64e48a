import { readClientMessages } from '../i18n/client.ts';

/**
 * The tables of the usage pages, written with `textContent` only: operation names come from
 * documents and application names from partners, so no value is ever markup. Numbers and
 * dates are formatted with `Intl` in the page's language; times are UTC, as the tables say.
 */

/** What the sandbox says of a set of calls (`GET /usage`, `GET /_guichet/usage`). */
export interface UsageFigures {
  requests: number;
  clientErrors: number;
  serverErrors: number;
  errorRate: number;
  quotaRefusals: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
}

/** One bucket of a series. */
export interface UsagePoint extends UsageFigures {
  time: string;
}

/** One entry of a breakdown. */
export interface UsageEntry extends UsageFigures {
  api?: string;
  version?: string;
  operation?: string;
  consumerId?: string;
}

/** A cell: text, a number (right-aligned), or nothing known. */
export type Cell = string | number | null;

/** Formats numbers, rates and instants in the page's language. */
export interface UsageFormat {
  number(value: number | null): string;
  rate(value: number): string;
  /** An instant, to the minute, in UTC. */
  time(iso: string): string;
  /** A day (`YYYY-MM-DD`), in words. */
  day(isoDate: string): string;
}

/** The page language's formats. */
export function createUsageFormat(): UsageFormat {
  const { locale } = readClientMessages().usage;
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const rates = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const times = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const days = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    number: (value) => (value === null ? '—' : numbers.format(value)),
    rate: (value) => rates.format(value),
    time: (iso) => (Number.isNaN(Date.parse(iso)) ? iso : times.format(new Date(iso))),
    day: (isoDate) =>
      Number.isNaN(Date.parse(`${isoDate}T00:00:00Z`))
        ? isoDate
        : days.format(new Date(`${isoDate}T00:00:00Z`)),
  };
}

/**
 * A table in a keyboard-scrollable box: a caption, column headers, then the rows (numbers
 * right-aligned); a row saying so when there is none.
 */
export function createTable(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  format: UsageFormat,
): HTMLElement {
  const box = document.createElement('div');
  box.className = 'table-scroll';
  // A box that scrolls must be reachable from the keyboard, and named.
  box.tabIndex = 0;
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', caption);
  const table = document.createElement('table');
  table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const header of headers) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = header;
    head.append(cell);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const line = body.insertRow();
    for (const item of row) {
      const cell = line.insertCell();
      if (typeof item === 'number') {
        cell.textContent = format.number(item);
        cell.className = 'number';
      } else {
        cell.textContent = item ?? '—';
      }
    }
  }
  if (rows.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = headers.length;
    cell.textContent = readClientMessages().usage.none;
  }
  box.append(table);
  return box;
}

/** The headers of a set of figures, in `toFigureCells`' order. */
export function listFigureHeaders(): string[] {
  const m = readClientMessages().usage;
  return [
    m.requests,
    m.clientErrors,
    m.serverErrors,
    m.errorRate,
    m.quotaRefusals,
    m.p50,
    m.p95,
    m.p99,
  ];
}

/** The cells of a set of figures. */
export function toFigureCells(figures: UsageFigures, format: UsageFormat): Cell[] {
  return [
    figures.requests,
    figures.clientErrors,
    figures.serverErrors,
    format.rate(figures.errorRate),
    figures.quotaRefusals,
    figures.latencyMs.p50,
    figures.latencyMs.p95,
    figures.latencyMs.p99,
  ];
}

/** Puts `element` in the container of id `id`, in place of what it held. */
export function fillSection(id: string, element: HTMLElement): void {
  document.getElementById(id)?.replaceChildren(element);
}
