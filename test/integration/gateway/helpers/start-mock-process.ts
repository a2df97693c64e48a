import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '../../../helpers/find-free-port.ts';

const mockEntry = join(import.meta.dirname, '..', '..', '..', '..', 'mock-server', 'server.ts');

/** guichet's mock server (`mock-server/server.ts`) in its own process, as the sandbox runs it. */
export interface MockProcess {
  child: ChildProcess;
  url: string;
  /** True while the kernel holds the process stopped (SIGSTOP), from `/proc/<pid>/stat`. */
  isStopped(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts the mock server on `snapshot` and waits until `readyPath` answers 200 (its document
 * prepared), so a test can stop it knowing it was serving.
 */
export async function startMockProcess(snapshot: string, readyPath: string): Promise<MockProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [mockEntry], {
    env: {
      ...process.env,
      MOCK_PORT: String(port),
      GUICHET_SANDBOX_SNAPSHOT: snapshot,
      // The consumers' objects go beside the snapshot, never into the repository's folder.
      GUICHET_SANDBOX_DIR: dirname(snapshot),
    },
    stdio: 'ignore',
  });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${String(port)}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the mock server exited while starting');
    try {
      const response = await fetch(`${url}${readyPath}`);
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  return {
    child,
    url,
    isStopped() {
      const stat = readFileSync(`/proc/${String(child.pid)}/stat`, 'utf8');
      // The state follows the command name in parentheses, which may itself hold spaces.
      return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
