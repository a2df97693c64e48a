import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { KeyRotation } from './key-rotation.ts';
import { send } from './messages.ts';
import { networkError } from './statuses.ts';

/**
 * One slice of load: `concurrency` clients in a loop (closed loop, as fast as the server
 * answers), or when `rate` is set, requests sent at that rate whatever the answers (open
 * loop, the same work per second for every server); `warmupMs`, then `durationMs` measured.
 * Each request carries the next key or token of `pool` (none when it is empty).
 */
export interface Slice {
  url: string;
  path: string;
  pool: string;
  concurrency: number;
  rate: number;
  warmupMs: number;
  durationMs: number;
  /** When set, a closed loop sends exactly this many requests, whatever the time they take. */
  requests?: number;
}

/**
 * Runs one slice in the load process and reports its figures to the parent: latencies of the
 * measured window, and the status of every answer of the slice, warm-up included, so the
 * bench can void a run whose requests were not all served as it meant them to be.
 */
export async function runSlice(slice: Slice, keys: KeyRotation | undefined): Promise<void> {
  const { path, concurrency, rate } = slice;
  const pool = new Pool(slice.url, { connections: concurrency, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let measuring = false;
  const callOnce = async (): Promise<void> => {
    const started = performance.now();
    const headers = keys ? { [keys.header]: keys.next() } : {};
    let status: string;
    try {
      const response = await pool.request({ path, method: 'GET', headers });
      await response.body.dump();
      status = String(response.statusCode);
    } catch {
      status = networkError;
    }
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (measuring) latencies.push(performance.now() - started);
  };
  let budget = slice.requests ?? Number.POSITIVE_INFINITY;
  const closedLoop = async (until: number): Promise<void> => {
    const client = async (): Promise<void> => {
      while (performance.now() < until && budget > 0) {
        budget -= 1;
        await callOnce();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
  };
  const openLoop = async (until: number): Promise<void> => {
    const start = performance.now();
    const inFlight = new Set<Promise<void>>();
    let sent = 0;
    while (performance.now() < until) {
      const due = Math.floor(((performance.now() - start) * rate) / 1000);
      for (; sent < due && inFlight.size < 1_024; sent += 1) {
        const call = callOnce().finally(() => inFlight.delete(call));
        inFlight.add(call);
      }
      await sleep(1);
    }
    await Promise.all(inFlight);
  };
  const load = rate > 0 ? openLoop : closedLoop;
  await load(performance.now() + slice.warmupMs);
  send({ type: 'measuring' });
  measuring = true;
  const started = performance.now();
  await load(slice.requests === undefined ? started + slice.durationMs : Number.POSITIVE_INFINITY);
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  await pool.close();
  send({
    type: 'result',
    count: latencies.length,
    rps: (latencies.length * 1000) / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    statuses,
  });
}
