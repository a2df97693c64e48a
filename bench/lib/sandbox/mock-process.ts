import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import type { HealthReport } from '../../../mock-server/health-report.ts';

/** A process the bench started, measured from outside. */
export interface MeasuredProcess {
  url: string;
  pid: number;
  /** `performance.now()` when the process was spawned. */
  startedAt: number;
  /** Current and peak resident memory of the process, in bytes (Linux `/proc`). */
  memory: () => Promise<{ rss: number; peak: number } | undefined>;
  stop: () => Promise<void>;
}

/** The mock server as `npm run sandbox` runs it, with its health report. */
export interface MockProcess extends MeasuredProcess {
  health: () => Promise<HealthReport>;
}

async function findFreePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

function spawnMeasured(
  args: string[],
  env: Record<string, string>,
  port: number,
): {
  process: MeasuredProcess;
  child: ChildProcessByStdio<null, Readable, Readable>;
  output: () => string;
} {
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    // Its own process group, so stopping it leaves no worker or child behind.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const pid = child.pid ?? 0;
  return {
    child,
    output: () => output,
    process: {
      url: `http://127.0.0.1:${String(port)}`,
      pid,
      startedAt,
      async memory() {
        try {
          const status = await readFile(`/proc/${String(pid)}/status`, 'utf8');
          const read = (name: string): number =>
            Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
          return { rss: read('VmRSS'), peak: read('VmHWM') };
        } catch {
          return undefined;
        }
      },
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const killer = setTimeout(() => {
          process.kill(-pid, 'SIGKILL');
        }, 5000);
        process.kill(-pid, 'SIGTERM');
        await exited;
        clearTimeout(killer);
      },
    },
  };
}

/**
 * Starts `mock-server/server.ts` over a snapshot and waits until it answers its health check;
 * its data folder (the consumers' objects) is the snapshot's folder unless `env` says.
 */
export async function startMockProcess(
  snapshot: string,
  env: Record<string, string> = {},
): Promise<MockProcess> {
  const port = await findFreePort();
  const {
    process: measured,
    child,
    output,
  } = spawnMeasured(
    ['mock-server/server.ts'],
    {
      MOCK_PORT: String(port),
      GUICHET_SANDBOX_SNAPSHOT: snapshot,
      GUICHET_SANDBOX_DIR: dirname(snapshot),
      ...env,
    },
    port,
  );
  const health = async (): Promise<HealthReport> => {
    const response = await fetch(`${measured.url}/_mock/health`);
    return (await response.json()) as HealthReport;
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the mock server stopped:\n${output()}`);
    try {
      await health();
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { ...measured, health };
}

/** Starts the one-document baseline and waits until it says `ready`. */
export async function startOneDocumentProcess(documentFile: string): Promise<MeasuredProcess> {
  const port = await findFreePort();
  const {
    process: measured,
    child,
    output,
  } = spawnMeasured(
    ['bench/lib/sandbox/serve-one-document.ts', documentFile, String(port)],
    {},
    port,
  );
  while (!output().includes('ready')) {
    if (child.exitCode !== null) throw new Error(`the one-document process stopped:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return measured;
}
