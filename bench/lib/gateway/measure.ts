import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { median } from '../stats.ts';
import { nextMessage } from './messages.ts';
import type { Slice } from './run-slice.ts';
import { addStatuses, formatStatuses, type Statuses } from './statuses.ts';

const roleEntry = join(import.meta.dirname, 'run-role.ts');

/** Every process started, killed if the bench exits early. */
export const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Where to write CPU profiles of the servers (`--profile`), if anywhere. */
export const profiling: { dir: string | undefined } = { dir: undefined };

/**
 * Starts a bench process in a role (`run-role.ts`), profiled with --profile except the load;
 * `name` names its profile, so two processes in one role do not write the same file.
 */
export function startRole(role: string, args: string[] = [], name = role): ChildProcess {
  const file = `${name.replace(/\W+/g, '-')}.cpuprofile`;
  const profile =
    profiling.dir !== undefined && role !== 'load'
      ? ['--cpu-prof', `--cpu-prof-dir=${profiling.dir}`, `--cpu-prof-name=${file}`]
      : [];
  const child = spawn(process.execPath, [...profile, roleEntry, '--role', role, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Figures of one measured slice. */
export interface Run {
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
  /** Every answer of the slice, warm-up included. */
  statuses: Statuses;
}

/** One slice of load from the load process, CPU read from `proxy` over the same window. */
export async function measure(
  load: ChildProcess,
  slice: Slice,
  proxy?: ChildProcess,
): Promise<Run> {
  load.send({ type: 'go', ...slice });
  await nextMessage(load, 'measuring');
  proxy?.send({ type: 'cpu-start' });
  const result = (await nextMessage(load, 'result')) as unknown as Run & { count: number };
  proxy?.send({ type: 'cpu-stop' });
  const cpu = proxy
    ? ((await nextMessage(proxy, 'cpu')) as unknown as { micros: number }).micros
    : Number.NaN;
  return { ...result, cpuPerRequest: cpu / result.count };
}

/** One line of the report: medians over the runs of one contender under one load. */
export const formatRow = (name: string, label: string, runs: Run[]): string => {
  const cpu = median(runs.map((run) => run.cpuPerRequest));
  const statuses: Statuses = {};
  for (const run of runs) addStatuses(statuses, run.statuses);
  return [
    `${name.padEnd(17)} ${label.padEnd(9)}`,
    `${median(runs.map((run) => run.rps))
      .toFixed(0)
      .padStart(7)} req/s`,
    `p50 ${median(runs.map((run) => run.p50)).toFixed(3)} ms`,
    `p99 ${median(runs.map((run) => run.p99)).toFixed(3)} ms`,
    `CPU ${Number.isNaN(cpu) ? '     -' : cpu.toFixed(1).padStart(6)} µs/req`,
    `[${formatStatuses(statuses)}]`,
  ].join('  ');
};

/** The loopback URL a server child listens on. */
export const urlOf = async (child: ChildProcess): Promise<string> =>
  `http://127.0.0.1:${String((await nextMessage(child, 'listening')).port)}`;
