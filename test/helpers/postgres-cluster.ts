import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findFreePort } from './find-free-port.ts';

/**
 * A throwaway PostgreSQL cluster for the tests: Debian's server binaries (`postgresql`, which
 * `.ci/run` installs when missing), `initdb` into a temporary folder, listening on a free
 * loopback port with a password (scram-sha-256), so the tests go through the same
 * authentication a deployment uses. PostgreSQL refuses to run as root: as root (CI, here) the
 * cluster runs as the `postgres` user the package creates; as anyone else, as that user.
 */
export interface PostgresCluster {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The folder holding the cluster (data, socket, log). */
  dir: string;
  /** A URL to `database` (default `postgres`). */
  urlOf(database?: string): string;
  /** Creates an empty database of its own and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  stop(): void;
}

/** The variable the global set-up leaves for every test file of the run. */
export const sharedClusterVariable = 'GUICHET_TEST_POSTGRES';

const user = 'guichet';

/** The newest installed server's binaries (`/usr/lib/postgresql/<major>/bin`). */
function findBinaries(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const major = majors[0];
  if (major === undefined) {
    throw new Error(
      'these tests need PostgreSQL’s server (Debian: apt-get install postgresql); /usr/lib/postgresql/<version>/bin/initdb was not found',
    );
  }
  return join(root, major, 'bin');
}

/** Runs a server binary, as `postgres` when this process is root. */
function runServerBinary(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [command, fullArgs] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
    : [bin, args];
  const result = spawnSync(command, fullArgs, { encoding: 'utf8', stdio: 'pipe' });
  if (result.status !== 0) {
    throw new Error(`${bin} ${args[0] ?? ''} failed: ${result.stderr || result.stdout}`);
  }
}

/** Where a cluster of its own listens, besides loopback. */
export interface PostgresClusterOptions {
  /**
   * Another address to listen on, which the cluster's URLs then name (e.g. a bridge's, for
   * clients in network namespaces); loopback only by default.
   */
  host?: string;
  /** The network allowed to connect there with the password, e.g. `10.1.2.0/24`. */
  clientNetwork?: string;
}

/** A cluster this process started: its server can be stopped and started again. */
export interface OwnPostgresCluster extends PostgresCluster {
  /** Stops the server (fast shutdown: connections are closed), keeping its data. */
  stopServer(): void;
  /** Starts it again on the same port, with the same data. */
  startServer(): void;
}

/** Starts a cluster of its own; `stop()` removes it. */
export async function startPostgresCluster(
  options: PostgresClusterOptions = {},
): Promise<OwnPostgresCluster> {
  const bin = findBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'guichet-postgres-'));
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('base64url');
  writeFileSync(join(dir, 'password'), password, { mode: 0o600 });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chownSync(join(dir, 'password'), uid, gid);
  }
  runServerBinary(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    user,
    `--pwfile=${join(dir, 'password')}`,
    '--auth=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  if (options.clientNetwork !== undefined) {
    appendFileSync(
      join(data, 'pg_hba.conf'),
      `host all all ${options.clientNetwork} scram-sha-256\n`,
    );
  }
  const port = await findFreePort();
  const listen = ['127.0.0.1', ...(options.host === undefined ? [] : [options.host])].join(',');
  // fsync off: the tests kill mock servers, never the machine; the disk is shared.
  const startServer = (): void => {
    runServerBinary(join(bin, 'pg_ctl'), [
      'start',
      '-D',
      data,
      '-w',
      '-t',
      '120',
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-p ${String(port)} -k ${dir} -c listen_addresses=${listen} -c fsync=off -c max_connections=200`,
    ]);
  };
  startServer();
  const host = options.host ?? '127.0.0.1';
  const cluster = describeCluster({ host, port, user, password, dir }, () => {
    try {
      runServerBinary(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return {
    ...cluster,
    stopServer() {
      runServerBinary(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
    },
    startServer,
  };
}

interface ClusterAddress {
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
}

function describeCluster(address: ClusterAddress, stop: () => void): PostgresCluster {
  const urlOf = (database = 'postgres'): string =>
    `postgres://${address.user}:${encodeURIComponent(address.password)}@${address.host}:${String(address.port)}/${database}`;
  return {
    ...address,
    urlOf,
    async createDatabase(prefix = 'test') {
      const name = `${prefix}_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: urlOf() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return urlOf(name);
    },
    stop,
  };
}

let own: PostgresCluster | undefined;

/**
 * The cluster of this test run: the one the global set-up (`postgres-global-setup.ts`) started
 * for every file, or, when a file runs alone, one started for this process and stopped at exit.
 */
export async function useTestPostgres(): Promise<PostgresCluster> {
  const shared = process.env[sharedClusterVariable];
  if (shared !== undefined && shared !== '') {
    const address = JSON.parse(shared) as ClusterAddress;
    return describeCluster(address, () => undefined);
  }
  if (!own) {
    own = await startPostgresCluster();
    const started = own;
    process.once('exit', () => {
      started.stop();
    });
  }
  return own;
}

/** The address of a cluster, as the global set-up hands it to the test files. */
export function toSharedAddress(cluster: PostgresCluster): string {
  const { host, port, password, dir } = cluster;
  return JSON.stringify({ host, port, user: cluster.user, password, dir });
}
