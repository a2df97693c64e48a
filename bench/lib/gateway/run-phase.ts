import type { ChildProcess } from 'node:child_process';
import { orderOfRound, roundsPerCycle } from '../alternate.ts';
import { measure, type Run } from './measure.ts';
import type { Slice } from './run-slice.ts';
import { addStatuses, findVoidReason, type Statuses } from './statuses.ts';
import type { Targets } from './targets.ts';

/** One kind of load, sent in turn to every contender of `targets`. */
export interface Phase {
  label: string;
  targets: Targets;
  concurrency: number;
  /** Requests a second for an open loop; 0 for a closed loop. */
  rate: number;
}

/** What every phase shares. */
export interface PhaseOptions {
  load: ChildProcess;
  /** At least this many rounds, rounded up to whole cycles of the order. */
  rounds: number;
  durationMs: number;
  warmupMs: number;
  /** The only status a request may get for the run to stand. */
  expectedStatus: number;
  /** Statuses per contender over the whole run, added to as slices end. */
  totals: Map<string, Statuses>;
}

/** Thrown when a slice got an answer the bench did not mean to measure. */
export class VoidRun extends Error {}

/**
 * Runs a phase: each round sends the same slice of load to every contender, in the order of
 * that round (see `orderOfRound`), and checks every status before going on. Returns each
 * contender's runs by round, so runs of one round can be paired.
 */
export async function runPhase(phase: Phase, options: PhaseOptions): Promise<Map<string, Run[]>> {
  const { contenders } = phase.targets;
  const cycle = roundsPerCycle(contenders.length);
  const rounds = Math.ceil(options.rounds / cycle) * cycle;
  const runs = new Map(contenders.map((contender) => [contender.name, [] as Run[]]));
  for (let round = 0; round < rounds; round += 1) {
    for (const contender of orderOfRound(contenders, round)) {
      const slice: Slice = {
        url: contender.url,
        path: phase.targets.path,
        pool: contender.pool,
        concurrency: phase.concurrency,
        rate: phase.rate,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
      };
      const run = await measure(options.load, slice, contender.process);
      const total = options.totals.get(contender.name) ?? {};
      options.totals.set(contender.name, total);
      addStatuses(total, run.statuses);
      const reason = findVoidReason(
        contender.name,
        phase.label,
        run.statuses,
        options.expectedStatus,
      );
      if (reason !== undefined) throw new VoidRun(reason);
      runs.get(contender.name)?.push(run);
    }
  }
  return runs;
}
