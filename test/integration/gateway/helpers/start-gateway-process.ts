import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeSnapshot } from '../../../../catalog/index.ts';
import { findFreePort } from '../../../helpers/find-free-port.ts';
import { loadFixtureCatalog } from './start-test-gateway.ts';

const serverEntry = join(import.meta.dirname, '..', '..', '..', '..', 'gateway-stub', 'server.ts');

/** `gateway-stub/server.ts` running in its own Node process, as `npm run sandbox` runs it. */
export interface GatewayProcess {
  child: ChildProcessByStdio<null, null, Readable>;
  baseUrl: string;
  adminUrl: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Settles with the exit code (or signal) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Settles once `/_guichet/health` answers; rejects if the process exits first. */
  ready(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts the real gateway on `dataDir` over the fixture catalog, on free ports, with `env`
 * added to its environment. It does not wait: call `ready()` or await `exited`.
 */
export async function startGatewayProcess(
  dataDir: string,
  upstreamUrl: string,
  env: Record<string, string> = {},
): Promise<GatewayProcess> {
  const snapshot = join(dataDir, 'catalog.json');
  if (!existsSync(snapshot)) await writeSnapshot(await loadFixtureCatalog(), snapshot);
  const port = await findFreePort();
  const adminPort = await findFreePort();
  const child = spawn(process.execPath, [serverEntry], {
    env: {
      ...process.env,
      GUICHET_SANDBOX_SNAPSHOT: snapshot,
      GUICHET_SANDBOX_DIR: dataDir,
      GUICHET_GATEWAY_PORT: String(port),
      GUICHET_ADMIN_PORT: String(adminPort),
      GUICHET_UPSTREAM_URL: upstreamUrl,
      GUICHET_ADMIN_TOKEN: 'test-admin-token-0123456789',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const baseUrl = `http://127.0.0.1:${String(port)}`;
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  return {
    child,
    baseUrl,
    adminUrl: `http://127.0.0.1:${String(adminPort)}`,
    stderr: () => stderr,
    exited,
    async ready() {
      for (;;) {
        if (ended) throw new Error(`the gateway exited before answering:\n${stderr}`);
        try {
          const response = await fetch(`${baseUrl}/_guichet/health`);
          await response.arrayBuffer();
          return;
        } catch {
          await sleep(50);
        }
      }
    },
    async stop() {
      if (!ended) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The admin token `startGatewayProcess` gives the gateway. */
export const processAdminHeaders = { authorization: 'Bearer test-admin-token-0123456789' };
