import { readFile } from 'node:fs/promises';
import { orderOfRound, roundsPerCycle } from '../alternate.ts';
import { median } from '../stats.ts';

/** One kind of call measured: the request, sent over and over. */
export interface Contender {
  name: string;
  method: string;
  /** Path and query under the mock server's URL. */
  path: (index: number) => string;
  headers: (index: number) => Record<string, string>;
  body?: (index: number) => string;
  /** The status each answer must have; any other voids the run. */
  status: number;
}

/** Clock ticks a second of `/proc/<pid>/stat` (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** User and system CPU of a process so far, in microseconds (Linux `/proc`). */
async function readCpuMicros(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / ticksPerSecond) * 1_000_000;
}

/** Sends `count` requests of one contender, `concurrency` at a time; the mock server's CPU per request. */
async function runSlice(
  url: string,
  pid: number,
  contender: Contender,
  count: number,
  concurrency: number,
  offset: number,
): Promise<number> {
  let next = 0;
  const before = await readCpuMicros(pid);
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = offset + next;
      next += 1;
      const response = await fetch(`${url}${contender.path(index)}`, {
        method: contender.method,
        headers: contender.headers(index),
        ...(contender.body ? { body: contender.body(index) } : {}),
      });
      await response.arrayBuffer();
      if (response.status !== contender.status) {
        throw new Error(
          `${contender.name}: answered ${String(response.status)}, not ${String(contender.status)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ((await readCpuMicros(pid)) - before) / count;
}

/**
 * The mock server's CPU per request of each contender, median over `rounds` rounds in which
 * they take turns in a balanced order (`alternate.ts`), so a drift of the shared machine's
 * load weighs on all of them alike.
 */
export async function measureCost(
  url: string,
  pid: number,
  contenders: readonly Contender[],
  options: { rounds: number; requests: number; concurrency: number },
): Promise<Map<string, { median: number; runs: number[] }>> {
  const runs = new Map<string, number[]>(contenders.map((contender) => [contender.name, []]));
  // One slice each first, unmeasured: the first calls compile what the others reuse.
  for (const contender of contenders)
    await runSlice(url, pid, contender, 200, options.concurrency, 0);
  const rounds = Math.max(options.rounds, roundsPerCycle(contenders.length));
  for (let round = 0; round < rounds; round += 1) {
    for (const contender of orderOfRound(contenders, round)) {
      const offset = (round + 1) * options.requests;
      const cost = await runSlice(
        url,
        pid,
        contender,
        options.requests,
        options.concurrency,
        offset,
      );
      runs.get(contender.name)?.push(cost);
    }
  }
  return new Map(
    [...runs].map(([name, values]) => [name, { median: median(values), runs: values }]),
  );
}
