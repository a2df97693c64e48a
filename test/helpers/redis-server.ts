import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './find-free-port.ts';

/** Debian's server (`redis-server`, which `.ci/run` installs when missing). */
export const redisServerBinary = '/usr/bin/redis-server';

/** A redis-server of a test's own. */
export interface RedisServer {
  /** `redis://host:port`, for `GUICHET_REDIS_URL`. */
  url: string;
  host: string;
  port: number;
  /** The server's temporary folder (its working directory, its log). */
  dir: string;
  /** Stops the server (SIGTERM, waits for its exit) and removes its folder; `restart` may follow. */
  stop(): Promise<void>;
  /**
   * Stops the server if it runs, then starts a new one on the same port: every key and script
   * is gone, as after a crash of a Redis that persists nothing.
   */
  restart(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open, nothing is answered. */
  freeze(): void;
  /** Lets a frozen server go on (SIGCONT). */
  thaw(): void;
}

/** Where to listen (defaults: loopback, a free port). */
export interface RedisServerOptions {
  /**
   * The address to bind (default 127.0.0.1), e.g. the bridge of the test's network namespaces:
   * a server bound to any other address than loopback runs with protected mode off, see
   * `spawnServer`.
   */
  host?: string;
  port?: number;
}

/**
 * Starts a throwaway redis-server: a free port, its own temporary folder, nothing persisted
 * (`--save ''`, no append-only file), so a restart comes back empty, as a Redis whose data
 * was lost would. Resolves once the server accepts connections; it is killed when the test
 * process exits, should the test not stop it.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  if (!existsSync(redisServerBinary)) {
    throw new Error(
      `these tests need Redis’s server (Debian: apt-get install redis-server); ${redisServerBinary} was not found`,
    );
  }
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await findFreePort());
  const dir = mkdtempSync(join(tmpdir(), 'guichet-redis-'));
  let child: ChildProcess | undefined = await spawnServer(host, port, dir);
  const killAtExit = (): void => {
    child?.kill('SIGKILL');
  };
  process.once('exit', killAtExit);

  const stopChild = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    // A frozen server cannot act on SIGTERM until it runs again.
    running.kill('SIGCONT');
    running.kill('SIGTERM');
    await exited;
  };
  return {
    url: `redis://${host.includes(':') ? `[${host}]` : host}:${String(port)}`,
    host,
    port,
    dir,
    async stop() {
      await stopChild();
      process.removeListener('exit', killAtExit);
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await stopChild();
      mkdirSync(dir, { recursive: true });
      child = await spawnServer(host, port, dir);
      process.once('exit', killAtExit);
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
  };
}

/**
 * Runs redis-server in the foreground and waits for its "Ready to accept connections". With no
 * password, Redis's protected mode refuses every client that does not come from loopback,
 * whatever it is bound to; bound to another address, which the tests only do on their own
 * namespaces' bridge (reached by nothing else), protected mode is turned off so that the
 * hosts' gateways reach it directly. On loopback it stays on, as in a default install.
 */
async function spawnServer(host: string, port: number, dir: string): Promise<ChildProcess> {
  const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  const child = spawn(
    redisServerBinary,
    [
      '--bind',
      host,
      '--protected-mode',
      loopback ? 'yes' : 'no',
      '--port',
      String(port),
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--logfile',
      '',
      '--loglevel',
      'notice',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) {
        child.stdout.removeListener('data', onData);
        child.removeListener('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null): void => {
      reject(
        new Error(
          `redis-server on ${host}:${String(port)} exited (${String(code)}) before accepting connections:\n${output}`,
        ),
      );
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', onExit);
  });
  // Keep reading, so a full pipe never blocks the server's log.
  child.stdout.resume();
  child.stderr.resume();
  return child;
}
