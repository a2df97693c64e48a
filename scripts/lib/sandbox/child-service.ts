import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listenMessageSchema } from './listen-message.ts';

/** One server of the sandbox, run as a child Node process. */
export interface ChildService {
  name: string;
  child: ChildProcess;
  /** Settles when the child exits, with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Settles once this child itself listens on `port` (its own report, over the IPC channel);
   * rejects with the error code when it could not, or when it exits first.
   */
  listening(port: number): Promise<void>;
  /** The first port this child reported it could not listen on, with the error code. */
  listenFailure(): { port: number; code: string } | undefined;
  /** Asks the child to stop (SIGTERM), then kills it if it lingers. */
  stop(graceMs?: number): Promise<void>;
}

const stopWithParent = pathToFileURL(join(import.meta.dirname, 'stop-with-parent.ts')).href;
const reportListening = pathToFileURL(join(import.meta.dirname, 'report-listening.ts')).href;

/** A child could not listen on a port: its code (EADDRINUSE…), or `exited` when it died first. */
export class ListenError extends Error {
  readonly port: number;
  readonly code: string;

  constructor(port: number, code: string) {
    super(`could not listen on port ${String(port)} (${code})`);
    this.name = 'ListenError';
    this.port = port;
    this.code = code;
  }
}

/** Every child still running, killed outright if the launcher exits without stopping them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `entry` with the launcher's own Node 24 (`process.execPath`). The child gets an IPC
 * channel and `stop-with-parent.ts` preloaded: it stops when the launcher dies, even by
 * SIGKILL, so no server is left orphaned holding its port. `report-listening.ts`, preloaded
 * too, tells which ports the child itself listens on.
 */
export function startChildService(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  output: 'inherit' | 'ignore',
): ChildService {
  const child = spawn(
    process.execPath,
    ['--import', stopWithParent, '--import', reportListening, entry],
    { env, stdio: ['ignore', output, output, 'ipc'] },
  );
  running.add(child);
  const ports = new Map<number, string>();
  const waiters = new Set<() => void>();
  child.on('message', (raw: unknown) => {
    const message = listenMessageSchema.safeParse(raw);
    if (!message.success) return;
    const { port } = message.data;
    // A port once listened on stays so: a later failure elsewhere does not undo it.
    if (ports.get(port) !== 'listening') {
      ports.set(port, message.data.type === 'guichet:listening' ? 'listening' : message.data.code);
    }
    for (const wake of waiters) wake();
  });
  const exited = once(child, 'exit').then(async ([code, signal]) => {
    // Messages sent just before the exit are read before the channel closes.
    if (child.connected) await once(child, 'disconnect');
    running.delete(child);
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  let done = false;
  void exited.then(() => {
    done = true;
    for (const wake of waiters) wake();
  });
  const listening = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const state = ports.get(port);
        if (state === undefined && !done) return;
        waiters.delete(check);
        if (state === 'listening') resolve();
        else reject(new ListenError(port, state ?? 'exited'));
      };
      waiters.add(check);
      check();
    });
  return {
    name,
    child,
    exited,
    listening,
    listenFailure() {
      for (const [port, state] of ports) if (state !== 'listening') return { port, code: state };
      return undefined;
    },
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
