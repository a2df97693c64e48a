import { formatSpread, median, pairRatios } from '../stats.ts';
import { formatRow, type Run } from './measure.ts';

/** Prints one row per contender of a phase. */
export function printPhase(label: string, runs: ReadonlyMap<string, Run[]>): void {
  for (const [name, list] of runs) console.log(formatRow(name, label, list));
}

const field = (runs: Run[] | undefined, pick: (run: Run) => number): number[] =>
  (runs ?? []).map(pick);
const cpu = (run: Run): number => run.cpuPerRequest;

/**
 * One paired ratio (per round, `name` over `baseline` of the same round), its median and spread,
 * and whether the median meets `goal` when there is one.
 */
function printRatio(
  label: string,
  runs: ReadonlyMap<string, Run[]>,
  name: string,
  baseline: string,
  pick: (run: Run) => number,
  goal?: number,
): void {
  if (!runs.has(name) || !runs.has(baseline)) return;
  const pairs = pairRatios(field(runs.get(name), pick), field(runs.get(baseline), pick));
  const verdict =
    goal === undefined
      ? ''
      : `; goal ≤ ${String(goal)} — ${median(pairs) <= goal ? 'met' : 'NOT met'}`;
  console.log(
    `${label}: ${formatSpread(pairs, 2)}× over ${String(pairs.length)} paired rounds${verdict}`,
  );
}

/**
 * Prints the paired figures the gateway is held to (issue 8), per round so a drift in the
 * shared machine's load weighs on both sides of each ratio: CPU per request with tokens over
 * the key path's, the key path's over the bare proxy's at the fixed rate, p99 at that rate over
 * the bare proxy's, the 100,000-key store over the 1,000-key one; then the latency each adds.
 */
export function printSummary(
  results: ReadonlyMap<string, ReadonlyMap<string, Run[]>>,
  rate: number,
): void {
  const fixed = `${String(rate)}/s`;
  for (const label of ['c=32', fixed]) {
    const runs = results.get(label);
    if (!runs) continue;
    const atFixed = label === fixed;
    printRatio(
      `gateway tokens/gateway CPU per request at ${label}`,
      runs,
      'gateway tokens',
      'gateway',
      cpu,
      1.2,
    );
    printRatio(
      `gateway/bare CPU per request at ${label}`,
      runs,
      'gateway',
      'bare proxy',
      cpu,
      atFixed ? 1.2 : undefined,
    );
    printRatio(
      `gateway tokens/bare CPU per request at ${label}`,
      runs,
      'gateway tokens',
      'bare proxy',
      cpu,
    );
    printRatio(
      `gateway 100k keys/gateway CPU per request at ${label}`,
      runs,
      'gateway 100k keys',
      'gateway',
      cpu,
      1.2,
    );
    printRatio(
      `gateway redis/gateway CPU per request at ${label}`,
      runs,
      'gateway redis',
      'gateway',
      cpu,
      1.3,
    );
    printRatio(
      `gateway postgres/gateway CPU per request at ${label}`,
      runs,
      'gateway postgres',
      'gateway',
      cpu,
    );
    if (atFixed) {
      const p99 = (run: Run): number => run.p99;
      printRatio(`gateway/bare p99 at ${label}`, runs, 'gateway', 'bare proxy', p99, 1.5);
      printRatio(`gateway tokens/bare p99 at ${label}`, runs, 'gateway tokens', 'bare proxy', p99);
    }
  }
  const saturated = results.get('c=32');
  if (saturated) {
    printRatio('gateway/bare req/s at c=32', saturated, 'gateway', 'bare proxy', (run) => run.rps);
  }
  // Latency the gateways add over the bare proxy, per round; the fixed rate's and Prism's are
  // shown for information (queueing and the machine's hiccups weigh on them).
  for (const label of ['c=1', fixed, 'Prism c=8']) {
    const runs = results.get(label);
    if (!runs) continue;
    const added = (name: string, pick: (run: Run) => number): number[] => {
      const bare = field(runs.get('bare proxy'), pick);
      return field(runs.get(name), pick).map((value, index) => value - (bare[index] ?? 0));
    };
    printAddedOverLocal(runs, label);
    for (const name of ['gateway', 'gateway tokens', 'gateway 100k keys']) {
      if (!runs.has(name)) continue;
      const added50 = added(name, (run) => run.p50);
      const added99 = added(name, (run) => run.p99);
      const verdict =
        label === 'c=1' && name === 'gateway'
          ? ` (goal < 0.3 and < 2) — ${median(added50) < 0.3 && median(added99) < 2 ? 'met' : 'NOT met'}`
          : ' (for information)';
      console.log(
        `latency added by the ${name} at ${label} (minus bare, paired): p50 ${formatSpread(added50, 3)} ms, p99 ${formatSpread(added99, 3)} ms${verdict}`,
      );
    }
  }
}

/**
 * The latency the Redis-quota and PostgreSQL paths add over the local one, per round (goal for
 * Redis: p99 at most 1 ms more, on loopback, one request at a time).
 */
function printAddedOverLocal(runs: ReadonlyMap<string, Run[]>, label: string): void {
  const local = runs.get('gateway');
  if (!local) return;
  for (const name of ['gateway redis', 'gateway postgres']) {
    const list = runs.get(name);
    if (!list) continue;
    const added = (pick: (run: Run) => number): number[] => {
      const base = field(local, pick);
      return field(list, pick).map((value, index) => value - (base[index] ?? 0));
    };
    const added99 = added((run) => run.p99);
    const verdict =
      name === 'gateway redis' && label === 'c=1'
        ? ` (goal ≤ 1) — ${median(added99) <= 1 ? 'met' : 'NOT met'}`
        : ' (for information)';
    console.log(
      `latency added by the ${name} over the gateway at ${label} (paired): p50 ${formatSpread(
        added((run) => run.p50),
        3,
      )} ms, p99 ${formatSpread(added99, 3)} ms${verdict}`,
    );
  }
}
