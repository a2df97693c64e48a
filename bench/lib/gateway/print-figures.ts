import { formatSpread, median, pairRatios } from '../stats.ts';
import { formatRow, type Run } from './measure.ts';

/** The goal for the gateway's CPU per request over the bare proxy's. */
const cpuGoal = 1.33;

/** Prints one row per contender of a phase. */
export function printPhase(label: string, runs: ReadonlyMap<string, Run[]>): void {
  for (const [name, list] of runs) console.log(formatRow(name, label, list));
}

const field = (runs: Run[] | undefined, pick: (run: Run) => number): number[] =>
  (runs ?? []).map(pick);

/**
 * Prints the paired figures: per round, each gateway's CPU per request over the bare proxy's
 * of the same round, cold keys over cached keys, and the latency each adds, with medians and
 * their spread over the rounds.
 */
export function printSummary(
  results: ReadonlyMap<string, ReadonlyMap<string, Run[]>>,
  rate: number,
): void {
  const cpu = (run: Run): number => run.cpuPerRequest;
  for (const label of ['c=32', `${String(rate)}/s`]) {
    const runs = results.get(label);
    if (!runs) continue;
    const bare = field(runs.get('bare proxy'), cpu);
    for (const name of ['gateway', 'gateway cold keys']) {
      if (!runs.has(name)) continue;
      const pairs = pairRatios(field(runs.get(name), cpu), bare);
      const ratio = median(pairs);
      const goal =
        name === 'gateway'
          ? `; goal ≤ ${String(cpuGoal)} — ${ratio <= cpuGoal ? 'met' : 'NOT met'}`
          : '';
      console.log(
        `${name}/bare CPU per request at ${label}: ${formatSpread(pairs, 2)}× over ${String(pairs.length)} paired rounds${goal}`,
      );
    }
    const cached = field(runs.get('gateway'), cpu);
    const coldKeys = field(runs.get('gateway cold keys'), cpu);
    if (cached.length === 0 || coldKeys.length === 0) continue;
    console.log(
      `gateway CPU per request at ${label}, cold key vs cached key: ${median(coldKeys).toFixed(1)} vs ${median(cached).toFixed(1)} µs (${formatSpread(pairRatios(coldKeys, cached), 2)}× paired)`,
    );
  }
  const saturated = results.get('c=32');
  if (saturated) {
    const rps = (run: Run): number => run.rps;
    const pairs = pairRatios(
      field(saturated.get('gateway'), rps),
      field(saturated.get('bare proxy'), rps),
    );
    console.log(`gateway/bare req/s at c=32: ${formatSpread(pairs, 2)}× paired`);
  }
  // The goal is judged one request at a time, where nothing queues; the other loads add
  // their queueing (and the machine's hiccups, at p99) and are shown for information.
  for (const label of ['c=1', `${String(rate)}/s`, 'Prism c=8']) {
    const runs = results.get(label);
    if (!runs) continue;
    const added = (name: string, pick: (run: Run) => number): number[] => {
      const bare = field(runs.get('bare proxy'), pick);
      return field(runs.get(name), pick).map((value, index) => value - (bare[index] ?? 0));
    };
    for (const name of ['gateway', 'gateway cold keys']) {
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
