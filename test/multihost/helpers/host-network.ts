import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';

/** One host: a network namespace with an address of its own on the bridge. */
export interface NamespaceHost {
  /** The namespace's name, for `ip netns exec`. */
  namespace: string;
  address: string;
}

/** Hosts in network namespaces, joined by a bridge in the root namespace. */
export interface HostNetwork {
  /** The bridge's address: where the root namespace's servers (PostgreSQL, Redis) listen. */
  bridgeAddress: string;
  /** The hosts' network, e.g. `10.213.7.0/24`, for PostgreSQL's `pg_hba.conf`. */
  network: string;
  hosts: NamespaceHost[];
  /** Deletes the namespaces and the bridge (their veth pairs go with them); safe to call twice. */
  remove(): void;
}

/**
 * Says, in one line, why hosts cannot be made here: the multi-host test needs root and
 * iproute2's `ip netns`. Undefined when both are there.
 */
export function findMissingPrivileges(): string | undefined {
  if (process.getuid?.() !== 0) {
    return 'the multi-host test makes network namespaces: run it as root (sudo npm run test:multihost)';
  }
  const probe = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    return `the multi-host test needs iproute2's "ip netns" (Debian: apt-get install iproute2): ${probe.error?.message ?? probe.stderr.trim()}`;
  }
  return undefined;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A /24 in 10.200.0.0/13 that no route of this machine uses yet. */
function pickNetwork(): string {
  const routes = execFileSync('ip', ['-4', 'route', 'show', 'table', 'all'], { encoding: 'utf8' });
  for (;;) {
    const prefix = `10.${String(200 + randomInt(8))}.${String(randomInt(256))}`;
    if (!routes.includes(`${prefix}.`)) return prefix;
  }
}

/**
 * Creates `count` hosts: a namespace each (`gch<run>-<n>`, names unique to this run), a veth
 * pair from it to one bridge, an address each on a fresh /24, loopback up. The namespaces are
 * removed at `remove()`, and when the process exits whatever happened before.
 */
export function createHostNetwork(count: number): HostNetwork {
  const missing = findMissingPrivileges();
  if (missing !== undefined) throw new Error(missing);
  const run = randomBytes(3).toString('hex');
  const prefix = pickNetwork();
  const bridge = `gbr${run}`;
  const hosts: NamespaceHost[] = Array.from({ length: count }, (_, index) => ({
    namespace: `gch${run}-${String(index + 1)}`,
    address: `${prefix}.${String(11 + index)}`,
  }));
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    for (const host of hosts) spawnSync('ip', ['netns', 'del', host.namespace]);
    spawnSync('ip', ['link', 'del', bridge]);
  };
  process.once('exit', remove);
  try {
    ip('link', 'add', bridge, 'type', 'bridge');
    ip('addr', 'add', `${prefix}.1/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    hosts.forEach((host, index) => {
      const outside = `gvh${run}${String(index + 1)}`;
      const inside = `gvn${run}${String(index + 1)}`;
      ip('netns', 'add', host.namespace);
      ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', inside);
      ip('link', 'set', inside, 'netns', host.namespace);
      ip('link', 'set', outside, 'master', bridge);
      ip('link', 'set', outside, 'up');
      ip('-n', host.namespace, 'addr', 'add', `${host.address}/24`, 'dev', inside);
      ip('-n', host.namespace, 'link', 'set', inside, 'up');
      ip('-n', host.namespace, 'link', 'set', 'lo', 'up');
    });
  } catch (error) {
    remove();
    throw error;
  }
  return { bridgeAddress: `${prefix}.1`, network: `${prefix}.0/24`, hosts, remove };
}
