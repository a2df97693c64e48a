import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NamespaceHost } from './host-network.ts';

const serverEntry = join(import.meta.dirname, '..', '..', '..', 'gateway-stub', 'server.ts');

/** The admin token every host's gateway is given. */
export const hostAdminToken = 'multihost-admin-token-0123456789';

/** Headers for the admin API of any host. */
export const hostAdminHeaders = { authorization: `Bearer ${hostAdminToken}` };

/** `gateway-stub/server.ts` running inside a host's network namespace. */
export interface HostGateway {
  host: NamespaceHost;
  /** `http://<host address>:8080`: reached from the root namespace over the bridge. */
  baseUrl: string;
  adminUrl: string;
  /** Everything the process wrote to stderr so far (its notices). */
  stderr(): string;
  /** Settles once `/_guichet/health` answers; rejects if the process exits first. */
  ready(): Promise<void>;
  /** SIGKILL: the host's gateway dies where it stands, nothing flushed. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the exit (nothing when already gone). */
  stop(): Promise<void>;
}

/**
 * Starts the real gateway in `host`'s namespace (`ip netns exec`), listening on the host's own
 * address (public port 8080, admin 8081: each namespace has ports of its own), with `dataDir`
 * (holding the deployment's one `secret.key`) and `env` (the store's, Redis's and the mock
 * server's addresses). It does not wait: call `ready()`.
 */
export function startHostGateway(
  host: NamespaceHost,
  dataDir: string,
  env: Record<string, string>,
): HostGateway {
  const child: ChildProcessByStdio<null, null, Readable> = spawn(
    'ip',
    ['netns', 'exec', host.namespace, process.execPath, serverEntry],
    {
      env: {
        ...process.env,
        GUICHET_SANDBOX_DIR: dataDir,
        GUICHET_GATEWAY_HOST: host.address,
        GUICHET_GATEWAY_PORT: '8080',
        GUICHET_ADMIN_HOST: host.address,
        GUICHET_ADMIN_PORT: '8081',
        GUICHET_ADMIN_TOKEN: hostAdminToken,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit');
  let ended = false;
  // A test process that ends without stopping it (a crash) takes it along.
  const killAtExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killAtExit);
  void exited.then(() => {
    ended = true;
    process.removeListener('exit', killAtExit);
  });
  const baseUrl = `http://${host.address}:8080`;
  return {
    host,
    baseUrl,
    adminUrl: `http://${host.address}:8081`,
    stderr: () => stderr,
    async ready() {
      for (;;) {
        if (ended) throw new Error(`the gateway of ${host.namespace} exited:\n${stderr}`);
        try {
          const response = await fetch(`${baseUrl}/_guichet/health`);
          await response.arrayBuffer();
          return;
        } catch {
          await sleep(50);
        }
      }
    },
    async kill() {
      // `ip netns exec` execs the gateway: this pid is the gateway's own.
      if (!ended) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!ended) child.kill('SIGTERM');
      await exited;
    },
  };
}
