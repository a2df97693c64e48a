import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { readClientMessages } from '../i18n/client.ts';
import type { UsageFormat, UsagePoint } from './usage-tables.ts';

/**
 * The chart of requests, errors and quota refusals over time (uPlot, bundled with the page:
 * nothing is fetched from another host). Its colours are the page's (light or dark theme, the
 * organisation's accent), its dates and numbers in the page's language and in UTC, like the
 * table beside it, which gives the same figures to whoever cannot see the chart.
 */

let chart: uPlot | undefined;
let resizing: ResizeObserver | undefined;

/** The chart's width in its container: the container's, within bounds. */
function toChartWidth(container: HTMLElement): number {
  return Math.max(240, Math.min(container.clientWidth || 800, 1100));
}

/**
 * A colour variable of the page as the canvas takes it (`rgb(…)`): resolved on an element, since
 * the theme writes its colours as `light-dark(…)`, which only an element's colour scheme settles.
 */
function readColour(name: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${name}, ${fallback})`;
  document.body.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour === '' ? fallback : colour;
}

/** Draws the series into `container`, replacing the chart drawn before. */
export function drawUsageChart(
  container: HTMLElement,
  series: readonly UsagePoint[],
  format: UsageFormat,
): void {
  chart?.destroy();
  chart = undefined;
  resizing?.disconnect();
  container.replaceChildren();
  const m = readClientMessages().usage;
  const ink = readColour('--ink', '#1b1f24');
  const line = readColour('--line', '#d0d7de');
  const axis = { stroke: ink, grid: { stroke: line }, ticks: { stroke: line } };
  const toTime = (seconds: number): string => format.time(new Date(seconds * 1000).toISOString());
  const toNumber = (_chart: uPlot, value: number | null): string => format.number(value);
  // Ticks short enough not to overlap: the time of day over two days at most, else the day.
  const first = Date.parse(series[0]?.time ?? '') || 0;
  const last = Date.parse(series.at(-1)?.time ?? '') || 0;
  const ticks = new Intl.DateTimeFormat(
    m.locale,
    last - first <= 2 * 86_400_000
      ? { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', timeZone: 'UTC' },
  );
  chart = new uPlot(
    {
      width: toChartWidth(container),
      height: 260,
      // UTC, as the table beside the chart says.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      series: [
        { value: (_chart, seconds) => toTime(seconds) },
        {
          label: m.requests,
          stroke: readColour('--accent', '#0b4fa8'),
          width: 2,
          value: toNumber,
        },
        { label: m.errors, stroke: readColour('--red', '#a40e26'), width: 2, value: toNumber },
        {
          label: m.quotaRefusals,
          stroke: readColour('--orange', '#9a3412'),
          width: 2,
          dash: [6, 4],
          value: toNumber,
        },
      ],
      axes: [
        {
          ...axis,
          space: 70,
          values: (_chart, splits) => splits.map((seconds) => ticks.format(seconds * 1000)),
        },
        { ...axis, values: (_chart, splits) => splits.map((value) => format.number(value)) },
      ],
    },
    [
      series.map((point) => Date.parse(point.time) / 1000),
      series.map((point) => point.requests),
      series.map((point) => point.clientErrors + point.serverErrors),
      series.map((point) => point.quotaRefusals),
    ],
    container,
  );
  // A phone turned, a window narrowed: the chart follows its container, never wider.
  resizing = new ResizeObserver(() => {
    chart?.setSize({ width: toChartWidth(container), height: 260 });
  });
  resizing.observe(container);
}
