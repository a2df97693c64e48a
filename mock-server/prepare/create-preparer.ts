import { Worker } from 'node:worker_threads';
import type { MockOperation } from '../prism/prism-engine.ts';
import type { PrepareMode, PrepareOutcome } from './prepare-worker.ts';

/** How documents are prepared: in how many worker threads, with what time and memory. */
export interface PreparerOptions {
  /** Worker threads preparing documents side by side. */
  workers: number;
  /**
   * CPU time a worker may spend on one document before it is given up (the worker is stopped).
   * CPU time, not wall time: a loaded machine slows a preparation down without making it use more
   * CPU, so the same document is given up, or not, whatever else the machine is doing.
   */
  cpuBudgetMs: number;
  /** Heap limit of each worker, in MiB: a document needing more is given up. */
  heapMb: number;
}

/** The outcome of preparing one document. */
export type PrepareResult =
  | { ok: true; operations: MockOperation[]; milliseconds: number }
  | { ok: false; reason: string; milliseconds: number };

/** Prepares documents in the background, smallest first, urgent ones before all others. */
export interface Preparer {
  /**
   * Queues a document; `text` is called when a worker takes it, so text is handed over late.
   * `urgent` puts it before the others, like `hurry`.
   */
  prepare: (
    key: string,
    size: number,
    text: () => string,
    options: { mode: PrepareMode; urgent?: boolean },
  ) => Promise<PrepareResult>;
  /** Moves a queued document ahead of the others (a request is waiting for it). */
  hurry: (key: string) => void;
  /** Stops the workers; queued documents are given up. */
  close: () => Promise<void>;
}

interface Job {
  id: number;
  key: string;
  mode: PrepareMode;
  size: number;
  urgentSince: number | undefined;
  text: () => string;
  resolve: (result: PrepareResult) => void;
}

interface Lane {
  worker: Worker;
  /** False until the worker has loaded Prism: loading is not any document's cost. */
  ready: boolean;
  job: Job | undefined;
  started: number;
  timer: NodeJS.Timeout | undefined;
  /** Why the worker is being stopped, when the main thread stops it. */
  stopping: string | undefined;
}

const workerUrl = new URL('./prepare-worker.ts', import.meta.url);
/** How often a busy worker's CPU time is read. */
const cpuPollMs = 50;

/**
 * Creates the pool. Workers start when there is work and stop when the queue is empty, so a
 * sandbox whose documents are all prepared holds no idle worker heaps.
 */
export function createPreparer(options: PreparerOptions): Preparer {
  const queue: Job[] = [];
  const lanes = new Set<Lane>();
  let nextId = 1;
  let urgentCount = 0;
  let closed = false;

  const finish = (lane: Lane, result: PrepareResult): void => {
    const { job } = lane;
    if (lane.timer) clearTimeout(lane.timer);
    lane.job = undefined;
    lane.timer = undefined;
    job?.resolve(result);
  };

  const startLane = (): Lane => {
    const lane: Lane = {
      worker: new Worker(workerUrl, {
        resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
        // Prism's dependencies may print warnings; the sandbox's output stays for the sandbox.
        stdout: true,
        stderr: true,
      }),
      ready: false,
      job: undefined,
      started: 0,
      timer: undefined,
      stopping: undefined,
    };
    lane.worker.stdout.resume();
    lane.worker.stderr.resume();
    lane.worker.on('message', (outcome: PrepareOutcome | WorkerReady) => {
      if ('ready' in outcome) {
        lane.ready = true;
        pump();
        return;
      }
      if (lane.job?.id !== outcome.id) return;
      finish(
        lane,
        outcome.ok
          ? {
              ok: true,
              operations: outcome.operations as MockOperation[],
              milliseconds: outcome.milliseconds,
            }
          : { ok: false, reason: outcome.reason, milliseconds: outcome.milliseconds },
      );
      pump();
    });
    lane.worker.on('error', (error: Error & { code?: string }) => {
      lane.stopping ??=
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `needs more memory than the ${options.heapMb} MiB allowed to prepare it`
          : 'stopped the mock engine while being prepared';
    });
    lane.worker.on('exit', () => {
      lanes.delete(lane);
      if (lane.job) {
        finish(lane, {
          ok: false,
          reason: lane.stopping ?? 'stopped the mock engine while being prepared',
          milliseconds: Math.round(performance.now() - lane.started),
        });
      }
      pump();
    });
    lanes.add(lane);
    return lane;
  };

  const takeNext = (): Job | undefined => {
    let best = 0;
    queue.forEach((job, index) => {
      const current = queue[best];
      if (current && isBefore(job, current)) best = index;
    });
    return queue.splice(best, 1)[0];
  };

  const pump = (): void => {
    if (closed) return;
    for (const lane of lanes) {
      if (!lane.ready || lane.job || lane.stopping) continue;
      if (queue.length === 0) {
        // Nothing left to do: free the worker's heap.
        lane.stopping = 'idle';
        void lane.worker.terminate();
        continue;
      }
      dispatch(lane);
    }
    // A starting worker takes a job once it has loaded Prism; start no more than there are jobs.
    let starting = [...lanes].filter((lane) => !lane.ready).length;
    while (queue.length > starting && lanes.size < options.workers) {
      startLane();
      starting += 1;
    }
  };

  const dispatch = (lane: Lane): void => {
    const job = takeNext();
    if (!job) return;
    lane.job = job;
    lane.started = performance.now();
    lane.worker.postMessage({ id: job.id, text: job.text(), mode: job.mode });
    void watchCpu(lane, job);
  };

  /** Stops the lane's worker once the job has used its CPU budget. */
  const watchCpu = async (lane: Lane, job: Job): Promise<void> => {
    const before = await lane.worker.cpuUsage();
    const check = async (): Promise<void> => {
      if (lane.job !== job) return;
      const used = await lane.worker.cpuUsage(before).catch(() => undefined);
      if (lane.job !== job || !used) return;
      if ((used.user + used.system) / 1000 > options.cpuBudgetMs) {
        lane.stopping = `needed more than ${formatSeconds(options.cpuBudgetMs)} of CPU to prepare`;
        void lane.worker.terminate();
        return;
      }
      lane.timer = setTimeout(() => void check(), cpuPollMs);
    };
    if (lane.job === job) lane.timer = setTimeout(() => void check(), cpuPollMs);
  };

  return {
    prepare(key, size, text, { mode, urgent = false }) {
      if (closed) {
        return Promise.resolve({
          ok: false,
          reason: 'was not prepared: the mock server is stopping',
          milliseconds: 0,
        });
      }
      return new Promise((resolve) => {
        queue.push({
          id: nextId++,
          key,
          mode,
          size,
          urgentSince: urgent ? urgentCount++ : undefined,
          text,
          resolve,
        });
        queueMicrotask(pump);
      });
    },
    hurry(key) {
      const job = queue.find((candidate) => candidate.key === key);
      if (job && job.urgentSince === undefined) job.urgentSince = urgentCount++;
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) {
        job.resolve({
          ok: false,
          reason: 'was not prepared: the mock server is stopping',
          milliseconds: 0,
        });
      }
      await Promise.all(
        [...lanes].map(async (lane) => {
          lane.stopping = 'was not prepared: the mock server is stopping';
          await lane.worker.terminate();
        }),
      );
    },
  };
}

/** What a worker posts once Prism is loaded. */
interface WorkerReady {
  ready: true;
}

function formatSeconds(milliseconds: number): string {
  return `${String(Math.round(milliseconds / 100) / 10)} s`;
}

/** Urgent jobs first, in the order they were hurried; then the smallest document. */
function isBefore(a: Job, b: Job): boolean {
  if (a.urgentSince !== undefined || b.urgentSince !== undefined) {
    return (a.urgentSince ?? Infinity) < (b.urgentSince ?? Infinity);
  }
  return a.size < b.size;
}
