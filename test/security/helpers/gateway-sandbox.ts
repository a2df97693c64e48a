import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { formatProblem, loadCatalog, type Catalog } from '../../../catalog/index.ts';
import {
  createGatewayServers,
  openGateway,
  type Gateway,
  type GatewayOptionsInput,
} from '../../../gateway-stub/index.ts';
import { createMockServer, type MockServer } from '../../../mock-server/create-mock-server.ts';

/**
 * The fixture APIs of the gateway's hostile inputs: `guichet-ouvert` (public),
 * `annuaire-partenaires` (partners, three versions, one deprecated and one retired) and
 * `registre-interne` (internal).
 */
export const gatewayFixtureApisDir = join(import.meta.dirname, '..', 'fixtures', 'gateway', 'apis');

/** Loads the fixture catalog with every API, as `npm run sandbox` loads `apis/`. */
export async function loadGatewayFixtureCatalog(): Promise<Catalog> {
  const result = await loadCatalog({ apisDir: gatewayFixtureApisDir, audience: 'internal' });
  if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.catalog;
}

/** The real mock server (Prism in-process) on an ephemeral loopback port. */
export interface RunningMockServer {
  url: string;
  close(): Promise<void>;
}

/** Starts guichet's mock server over `catalog` and prepares every version before returning. */
export async function startFixtureMockServer(catalog: Catalog): Promise<RunningMockServer> {
  const mock: MockServer = createMockServer({ catalog, prepareWorkers: 1 });
  const server = createServer(mock.handle);
  const url = await listen(server, '127.0.0.1');
  await mock.prepareAll();
  return {
    url,
    async close() {
      await stop(server);
      await mock.close();
    },
  };
}

/** A gateway on real sockets, with its own data folder. */
export interface GatewaySandbox {
  gateway: Gateway;
  /** The public port, e.g. `http://127.0.0.1:41234` (or `http://[::1]:41234`). */
  baseUrl: string;
  adminUrl: string;
  dataDir: string;
  /** Issues a key through the admin API (an administrator's act) and returns what it answered. */
  issueKey(body: Record<string, unknown>): Promise<{ key: string; consumerId: string }>;
  /** Flushes the access log and returns today's file. */
  readAccessLog(): string;
  close(): Promise<void>;
}

/** Where and how the gateway of a case listens. */
export interface GatewaySandboxSetup {
  catalog: Catalog;
  upstreamUrl: string;
  options?: Partial<GatewayOptionsInput>;
  /** Address of the public port (default 127.0.0.1; `::1` for IPv6). */
  host?: string;
  /** Called with each connection the public port accepts, before the gateway reads it. */
  onConnection?: (socket: Socket) => void;
}

/**
 * Starts the real gateway in this process, its public and admin ports on ephemeral ports (its
 * store on PostgreSQL when the options give a `databaseUrl`).
 */
export async function startGatewaySandbox(setup: GatewaySandboxSetup): Promise<GatewaySandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-security-gateway-'));
  const gateway = await openGateway({
    catalog: setup.catalog,
    upstreamUrl: setup.upstreamUrl,
    dataDir,
    adminToken: 'security-admin-token-not-a-secret',
    onError: () => undefined,
    ...setup.options,
  });
  const { publicServer, adminServer } = createGatewayServers(gateway);
  if (setup.onConnection !== undefined)
    publicServer.prependListener('connection', setup.onConnection);
  const baseUrl = await listen(publicServer, setup.host ?? '127.0.0.1');
  const adminUrl = await listen(adminServer, '127.0.0.1');
  const admin = { authorization: `Bearer ${gateway.adminToken}` };
  return {
    gateway,
    baseUrl,
    adminUrl,
    dataDir,
    async issueKey(body) {
      const response = await fetch(`${adminUrl}/keys`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) {
        throw new Error(
          `issuing a key answered ${String(response.status)}: ${await response.text()}`,
        );
      }
      return (await response.json()) as { key: string; consumerId: string };
    },
    readAccessLog() {
      // The access log is written at once; the usage counts are not read here.
      void gateway.flush();
      const logDir = join(dataDir, 'logs');
      return readdirSync(logDir)
        .filter((name) => name.endsWith('.jsonl'))
        .map((name) => readFileSync(join(logDir, name), 'utf8'))
        .join('');
    },
    async close() {
      await Promise.all([stop(publicServer), stop(adminServer)]);
      await gateway.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The gateway a test file shares, read from its tests (set by the file's `before` hook). */
export interface SharedGatewaySandbox {
  readonly sandbox: GatewaySandbox;
}

/**
 * The set-up of a file whose cases need only the fixture APIs behind a gateway: once for the
 * whole file, the real mock server over the fixture catalog and a gateway in front of it,
 * started before its first test and stopped after its last.
 */
export function useFixtureGatewaySandbox(): SharedGatewaySandbox {
  let mock: RunningMockServer | undefined;
  let started: GatewaySandbox | undefined;
  before(async () => {
    const catalog = await loadGatewayFixtureCatalog();
    mock = await startFixtureMockServer(catalog);
    started = await startGatewaySandbox({ catalog, upstreamUrl: mock.url });
  });
  after(async () => {
    await started?.close();
    await mock?.close();
  });
  return {
    get sandbox() {
      if (started === undefined) throw new Error('the gateway sandbox starts in the before hook');
      return started;
    },
  };
}

async function listen(server: Server, host: string): Promise<string> {
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${String(port)}`;
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });
}
