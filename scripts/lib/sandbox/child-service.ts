import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One server of the sandbox, run as a child Node process. */
export interface ChildService {
  name: string;
  child: ChildProcess;
  /** Settles when the child exits, with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Asks the child to stop (SIGTERM), then kills it if it lingers. */
  stop(graceMs?: number): Promise<void>;
}

const stopWithParent = pathToFileURL(join(import.meta.dirname, 'stop-with-parent.ts')).href;

/** Every child still running, killed outright if the launcher exits without stopping them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `entry` with the launcher's own Node 24 (`process.execPath`). The child gets an IPC
 * channel and `stop-with-parent.ts` preloaded: it stops when the launcher dies, even by
 * SIGKILL, so no server is left orphaned holding its port.
 */
export function startChildService(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  output: 'inherit' | 'ignore',
): ChildService {
  const child = spawn(process.execPath, ['--import', stopWithParent, entry], {
    env,
    stdio: ['ignore', output, output, 'ipc'],
  });
  running.add(child);
  const exited = once(child, 'exit').then(([code, signal]) => {
    running.delete(child);
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  return {
    name,
    child,
    exited,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
