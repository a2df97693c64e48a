import { setTimeout as sleep } from 'node:timers/promises';
import { ListenError, type ChildService } from './child-service.ts';
import { describeTakenPort, type SandboxPort } from './find-taken-port.ts';
import { waitUntilAnswering } from './wait-until-answering.ts';

/** A server of the sandbox as the launcher starts and checks it. */
export interface SandboxServer {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  /** Every port it listens on; the first answers `healthUrl`. */
  ports: SandboxPort[];
  healthUrl: string;
}

/** A port of the sandbox is held by another process: the sandbox stops, it is not retried. */
export class SandboxPortError extends Error {
  override name = 'SandboxPortError';
}

/**
 * Waits until `child` itself listens on every port of `server` (its own report, so another
 * instance holding a port never passes for it), then until its health URL answers. Throws
 * `SandboxPortError` with the launcher's line when the child could not listen on a port, and
 * fails after `timeoutMs` like `waitUntilAnswering`.
 */
export async function waitUntilOwnAnswer(
  child: ChildService,
  server: SandboxServer,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = new AbortController();
  const late = sleep(timeoutMs, undefined, { signal: deadline.signal }).then(() => {
    throw new Error(
      `the ${server.name} did not listen within ${String(Math.round(timeoutMs / 1000))} s`,
    );
  });
  late.catch(() => undefined);
  try {
    for (const port of server.ports) {
      try {
        await Promise.race([child.listening(port.port), late]);
      } catch (error) {
        if (error instanceof ListenError && error.code !== 'exited') {
          throw new SandboxPortError(describeTakenPort(port, error.code));
        }
        throw error;
      }
    }
  } finally {
    deadline.abort();
  }
  await waitUntilAnswering(server.healthUrl, timeoutMs);
}
