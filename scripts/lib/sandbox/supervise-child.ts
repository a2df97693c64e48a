import { startChildService, type ChildService } from './child-service.ts';
import { describeTakenPort } from './find-taken-port.ts';
import {
  SandboxPortError,
  waitUntilOwnAnswer,
  type SandboxServer,
} from './wait-until-own-answer.ts';

/** How a dead server is started again. */
export interface RestartPolicy {
  /** Wait before the first restart; doubled at each restart that follows without a stable run. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A server that answered this long is stable: its next restart waits `initialDelayMs` again. */
  stableMs: number;
  /** Restarts in a row that die before answering, after which the sandbox gives up. */
  maxFailedStarts: number;
  /** Longest wait for a restarted server to answer. */
  readyTimeoutMs: number;
}

/** 0.5 s doubling to 30 s, back to 0.5 s after a minute of service; five failed starts end it. */
export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  stableMs: 60_000,
  maxFailedStarts: 5,
  readyTimeoutMs: 60_000,
};

/** What the supervisor tells about a server's life, for the launcher's output and tests. */
export type SupervisorEvent =
  | {
      type: 'exited';
      name: string;
      code: number | null;
      signal: NodeJS.Signals | null;
      /** When it is started again, or undefined when the sandbox gives up. */
      restartInMs: number | undefined;
    }
  | { type: 'restarted'; name: string; pid: number | undefined };

/** How a server ended for good. */
export interface FinalExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why it cannot be started again (a port or the store held by another process), if so. */
  reason?: string;
}

/** One server of the sandbox, kept running. */
export interface SupervisedChild {
  name: string;
  /** The pid of the process running now. */
  pid(): number | undefined;
  /** Settles once the server stopped for good: closed, or given up on. */
  ended: Promise<FinalExit>;
  /** Stops it and ends the supervision. */
  stop(): Promise<void>;
}

/** What to start, how to know it answers, and who to tell. */
export interface SuperviseOptions extends SandboxServer {
  output: 'inherit' | 'ignore';
  policy: RestartPolicy;
  /**
   * Before each restart: why the server cannot start now (its port or store held by another
   * process), worded for the launcher's line, or undefined.
   */
  findObstacle: () => Promise<string | undefined>;
  onEvent: (event: SupervisorEvent) => void;
}

/** The wait before restart number `attempt` (0 for the first): doubling, capped. */
export function toRestartDelay(attempt: number, policy: RestartPolicy): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt);
}

/**
 * Keeps a server running once it has started (`first`, already answering): when it dies — a
 * crash, a kill -9 — it is started again after a back-off delay, and the sandbox goes on (the
 * gateway answers 503 while the mock server is away). A server that keeps dying before it
 * answers is given up on after `maxFailedStarts` tries, and `ended` settles. A server whose
 * port or store another process took meanwhile is given up on at once, `ended` saying why: it
 * would only die again, and a health answer from that other process is never taken for its own.
 */
export function superviseChild(first: ChildService, options: SuperviseOptions): SupervisedChild {
  const { name, policy } = options;
  let current = first;
  let answeringSince: number | undefined = performance.now();
  let attempt = 0;
  let failedStarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let givenUp: string | undefined;
  let end: (exit: FinalExit) => void = () => undefined;
  const ended = new Promise<FinalExit>((resolve) => {
    end = resolve;
  });

  function watch(child: ChildService): void {
    void child.exited.then(({ code, signal }) => {
      const failure = child.listenFailure();
      const port = options.ports.find((item) => item.port === failure?.port);
      if (failure !== undefined && port !== undefined) {
        givenUp ??= describeTakenPort(port, failure.code);
      }
      if (stopping || givenUp !== undefined) {
        end({ name, code, signal, ...(givenUp === undefined ? {} : { reason: givenUp }) });
        return;
      }
      if (answeringSince === undefined) failedStarts += 1;
      else if (performance.now() - answeringSince >= policy.stableMs) attempt = 0;
      answeringSince = undefined;
      if (failedStarts >= policy.maxFailedStarts) {
        options.onEvent({ type: 'exited', name, code, signal, restartInMs: undefined });
        end({ name, code, signal });
        return;
      }
      const delay = toRestartDelay(attempt, policy);
      attempt += 1;
      options.onEvent({ type: 'exited', name, code, signal, restartInMs: delay });
      timer = setTimeout(restart, delay);
    });
  }

  function restart(): void {
    timer = undefined;
    if (stopping) return;
    void options.findObstacle().then((obstacle) => {
      if (stopping) return;
      if (obstacle !== undefined) {
        givenUp = obstacle;
        end({
          name,
          code: current.child.exitCode,
          signal: current.child.signalCode,
          reason: obstacle,
        });
        return;
      }
      startAgain();
    });
  }

  function startAgain(): void {
    const child = startChildService(name, options.entry, options.env, options.output);
    current = child;
    watch(child);
    void Promise.race([
      waitUntilOwnAnswer(child, options, policy.readyTimeoutMs).then(() => true),
      child.exited.then(() => false),
    ]).then(
      (answering) => {
        if (!answering || current !== child || stopping) return;
        answeringSince = performance.now();
        failedStarts = 0;
        options.onEvent({ type: 'restarted', name, pid: child.child.pid });
      },
      (error: unknown) => {
        // Its port is taken: it is given up on as it exits. Otherwise it neither answered nor
        // died in time: stop it, and its exit counts as a failed start.
        if (error instanceof SandboxPortError) givenUp = error.message;
        void child.stop();
      },
    );
  }

  watch(first);
  return {
    name,
    pid: () => current.child.pid,
    ended,
    async stop() {
      stopping = true;
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
        end({ name, code: current.child.exitCode, signal: current.child.signalCode });
      }
      await current.stop();
    },
  };
}
