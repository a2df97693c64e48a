/** The statistics the benches print: medians, spreads and ratios of paired runs. */

/** The middle value, or the mean of the two middle values; NaN when there is none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/**
 * Each run divided by the baseline run of the same round: runs measured one right after the
 * other share the machine's load of the moment, so their ratio is steadier than a ratio of
 * medians taken at different times.
 */
export function pairRatios(runs: readonly number[], baselines: readonly number[]): number[] {
  if (runs.length !== baselines.length) {
    throw new Error('pairing needs as many runs as baseline runs');
  }
  return runs.map((value, index) => value / (baselines[index] ?? Number.NaN));
}

/** `median (min–max)`, each with `digits` decimals. */
export function formatSpread(values: readonly number[], digits: number): string {
  const show = (value: number): string => value.toFixed(digits);
  return `${show(median(values))} (${show(Math.min(...values))}–${show(Math.max(...values))})`;
}
