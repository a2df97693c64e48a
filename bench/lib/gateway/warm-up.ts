import type { ChildProcess } from 'node:child_process';
import { measure, type Run } from './measure.ts';
import { VoidRun } from './run-phase.ts';
import { addStatuses, findVoidReason, type Statuses } from './statuses.ts';
import type { Targets } from './targets.ts';

/** Clients sending the warm-up's requests. */
const warmUpConcurrency = 32;

/** One gateway's warm-up: every credential of its pool sent once. */
export interface WarmUp {
  name: string;
  run: Run;
}

/**
 * Sends every key or token of each gateway's pool once, 32 at a time, before anything is
 * measured, so the phases measure a busy sandbox — every credential already checked and held
 * in the gateway's caches (131,072 keys) — rather than first lookups, which a phase of a few
 * seconds could not make up with 100,000 keys. The pools keep their place, so the phases start
 * again with the first credential. The CPU of each warm-up is the cost of a first lookup (the
 * store's query and the HMAC of a key; a token's signature check), printed on its own. Any
 * status but 200 voids the run (`VoidRun`), as in the phases.
 */
export async function warmUp(
  targets: Targets,
  load: ChildProcess,
  totals: Map<string, Statuses>,
): Promise<WarmUp[]> {
  const done: WarmUp[] = [];
  for (const contender of targets.contenders) {
    if (contender.credentials === 0) continue;
    const run = await measure(
      load,
      {
        url: contender.url,
        path: targets.path,
        pool: contender.pool,
        concurrency: warmUpConcurrency,
        rate: 0,
        warmupMs: 0,
        durationMs: 0,
        requests: contender.credentials,
      },
      contender.process,
    );
    const total = totals.get(contender.name) ?? {};
    totals.set(contender.name, total);
    addStatuses(total, run.statuses);
    const reason = findVoidReason(contender.name, 'warm-up', run.statuses, 200);
    if (reason !== undefined) throw new VoidRun(reason);
    done.push({ name: contender.name, run });
  }
  return done;
}

/** One line per gateway: what its first lookups cost. */
export function printWarmUps(label: string, warmUps: readonly WarmUp[]): void {
  for (const { name, run } of warmUps) {
    console.log(
      `first lookups (${label}, warm-up): ${name.padEnd(17)} ${String(run.statuses['200'] ?? 0).padStart(7)} credentials once each, ${run.rps.toFixed(0)} req/s, CPU ${run.cpuPerRequest.toFixed(1)} µs/req`,
    );
  }
}
