import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startRole, urlOf } from './measure.ts';
import type { CredentialKind } from './key-rotation.ts';
import { nextMessage } from './messages.ts';

/** One server the load is sent to, and the pool of keys it is sent with ('' for none). */
export interface Contender {
  name: string;
  url: string;
  /** The process whose CPU is read; none for the upstream reached directly. */
  process?: ChildProcess | undefined;
  pool: string;
  /** How many keys or tokens the pool holds (0 for none). */
  credentials: number;
}

/** One upstream and the contenders in front of it, reached at `path`. */
export interface Targets {
  name: string;
  path: string;
  contenders: Contender[];
}

/**
 * A gateway in front of the upstream, with its own store and `keys` applications issued in it,
 * called with their keys, or with one access token each from its token endpoint.
 */
export interface GatewaySetup {
  name: string;
  keys: number;
  credential?: CredentialKind;
  /** Quotas counted in this Redis (`GUICHET_REDIS_URL`) instead of the gateway's own limiter. */
  redisUrl?: string;
  /** The store on this PostgreSQL database (`GUICHET_DATABASE_URL`) instead of SQLite. */
  databaseUrl?: string;
}

/** What every gateway of the bench shares. */
export interface TargetsOptions {
  snapshot: string;
  workDir: string;
  api: string;
  load: ChildProcess;
}

/**
 * Starts a bare proxy and each gateway in front of `upstream`, and gives the load process each
 * gateway's keys as a pool of their own. Contenders: the upstream straight, the bare proxy,
 * then the gateways.
 */
export async function startTargets(
  name: string,
  upstream: ChildProcess,
  path: string,
  gateways: GatewaySetup[],
  options: TargetsOptions,
): Promise<Targets> {
  const direct = await urlOf(upstream);
  const bare = startRole('bare', [direct], `${name}-bare`);
  const started = gateways.map((setup) => {
    const label = `${name}-${setup.name.replace(/\W+/g, '-')}`;
    const child = startRole(
      'gateway',
      [
        direct,
        options.snapshot,
        join(options.workDir, label),
        options.api,
        String(setup.keys),
        setup.credential ?? 'key',
        setup.redisUrl ?? '',
        setup.databaseUrl ?? '',
      ],
      label,
    );
    // Listen for both messages now: one sent before its listener is added would be lost.
    return Promise.all([urlOf(child), nextMessage(child, 'keys')]).then(([url, message]) => {
      const pool = `${name}:${setup.name}`;
      options.load.send({ type: 'pool', name: pool, keys: message.keys, kind: message.kind });
      const credentials = (message.keys as string[]).length;
      return { name: setup.name, url, process: child, pool, credentials };
    });
  });
  const contenders: Contender[] = [
    { name: 'direct', url: direct, pool: '', credentials: 0 },
    { name: 'bare proxy', url: await urlOf(bare), process: bare, pool: '', credentials: 0 },
    ...(await Promise.all(started)),
  ];
  return { name, path, contenders };
}
