/**
 * Upper bounds of the latency histogram, in milliseconds, shared by `/metrics` and the usage
 * aggregates: a fixed histogram adds up across minutes, consumers and APIs, so p50/p95/p99 of
 * any selection come from summed bucket counts (`toPercentile`) rather than from kept samples.
 * A last bucket, past the bounds, counts what is slower than 10 s.
 */
export const latencyBoundsMs: readonly number[] = [
  1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
];

/** Buckets of the histogram: one per bound and the one past them. */
export const latencyBucketCount = latencyBoundsMs.length + 1;

/** The bucket a latency falls in: the first whose bound it does not exceed. */
export function toLatencyBucket(ms: number): number {
  const bounds = latencyBoundsMs;
  for (let index = 0; index < bounds.length; index += 1) {
    if (ms <= (bounds[index] ?? 0)) return index;
  }
  return bounds.length;
}

/**
 * The `q` quantile (0 < q < 1) of a histogram, in ms, interpolated within its bucket as
 * Prometheus's `histogram_quantile` does; `null` for an empty histogram. What falls past the
 * last bound is reported at that bound: the histogram cannot tell more.
 */
export function toPercentile(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let cumulative = 0;
  for (let index = 0; index < buckets.length; index += 1) {
    const count = buckets[index] ?? 0;
    if (count > 0 && cumulative + count >= rank) {
      const upper = latencyBoundsMs[index];
      if (upper === undefined) return latencyBoundsMs.at(-1) ?? 0;
      const lower = index === 0 ? 0 : (latencyBoundsMs[index - 1] ?? 0);
      return Math.round((lower + ((upper - lower) * (rank - cumulative)) / count) * 1000) / 1000;
    }
    cumulative += count;
  }
  return latencyBoundsMs.at(-1) ?? 0;
}
