import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultPorts } from '../../../catalog/default-ports.ts';
import { loadCatalog, writeSnapshot, type CatalogProblem } from '../../../catalog/index.ts';
import { describeStoreHolder } from '../../../gateway-stub/index.ts';
import { loadPortalFile } from '../../../config/load-portal-file.ts';
import { startChildService, type ChildService } from './child-service.ts';
import { findTakenPort, type SandboxPort } from './find-taken-port.ts';
import {
  defaultRestartPolicy,
  superviseChild,
  type FinalExit,
  type RestartPolicy,
  type SupervisorEvent,
} from './supervise-child.ts';
import {
  SandboxPortError,
  waitUntilOwnAnswer,
  type SandboxServer,
} from './wait-until-own-answer.ts';

/** Where the sandbox runs; every field has a default. */
export interface StartSandboxOptions {
  /** Folder of APIs (default: `$APIS_DIR` or `apis`). */
  apisDir?: string;
  /** Data folder: store, secrets, logs, catalog snapshot (default `.guichet/sandbox`). */
  dataDir?: string;
  /**
   * `portal.yaml`, whose language the sandbox's refusals fall back to (default:
   * `$GUICHET_PORTAL_FILE` or `portal.yaml`, as the build reads it); `GUICHET_LANGUAGE` wins.
   */
  portalFile?: string;
  host?: string;
  gatewayPort?: number;
  /** What sets the gateway's port, named when it is taken (default `GUICHET_GATEWAY_PORT`). */
  gatewayPortVariable?: string;
  adminPort?: number;
  mockPort?: number;
  /** Children's output: shown by default, or hidden. */
  output?: 'inherit' | 'ignore';
  /** Longest wait for both servers to answer. */
  readyTimeoutMs?: number;
  /** How a server that dies is started again (see `defaultRestartPolicy`). */
  restart?: Partial<RestartPolicy>;
  /** Told when a server dies and when it answers again (the launcher prints it). */
  onEvent?: (event: SupervisorEvent) => void;
}

/** A running sandbox; `name`, `url` and `close` are what `npm start` lists beside the portal. */
export interface Sandbox {
  name: string;
  /** The gateway's public address: `<url>/<api-id>/<version-id>/…`. */
  url: string;
  adminUrl: string;
  mockUrl: string;
  /** File holding the admin token, or undefined when `GUICHET_ADMIN_TOKEN` sets it. */
  adminTokenFile: string | undefined;
  /** The catalog snapshot both servers read. */
  snapshotFile: string;
  /**
   * Settles when a server stopped for good, naming it: the sandbox was closed, a server kept
   * dying as it started again, or its port or store was taken meanwhile (`reason` says so). A
   * server that dies once is restarted, and this does not settle.
   */
  exited: Promise<FinalExit>;
  /** The pid of a server's process now (it changes when the server is restarted). */
  pidOf(name: 'mock server' | 'gateway'): number | undefined;
  /** Stops both servers. */
  close(): Promise<void>;
}

/** The catalog has errors: the sandbox cannot start, as the build would not. */
export class SandboxCatalogError extends Error {
  readonly problems: CatalogProblem[];

  constructor(problems: CatalogProblem[]) {
    super('apis/ has errors');
    this.name = 'SandboxCatalogError';
    this.problems = problems;
  }
}

/** A server did not come up, or a port or the store is held; the message says which and why. */
export class SandboxStartError extends Error {}

/**
 * Loads the catalog once (audience `internal`: every API; the gateway conceals those
 * `GUICHET_AUDIENCE` may not see, and keeps restricted ones behind approved keys), writes the
 * sandbox's snapshot, then starts the mock server and the gateway as child processes and waits
 * until both answer. From then on a server that dies is started again with a back-off
 * (`supervise-child.ts`): the other keeps serving meanwhile — the gateway answers 503 while the
 * mock server is away. Warnings of the catalog are returned to print.
 *
 * Before anything is started or written, each port must be free and the store not served by a
 * live gateway: otherwise it throws `SandboxStartError` with one line saying which and what to
 * do (a second `npm run sandbox` beside `npm start`). A server counts as up only once it has
 * itself reported listening on its ports: another process answering there is never taken for it.
 */
export async function startSandbox(
  options: StartSandboxOptions = {},
): Promise<{ sandbox: Sandbox; warnings: CatalogProblem[] }> {
  const apisDir = options.apisDir ?? (process.env.APIS_DIR?.trim() || 'apis');
  const dataDir = options.dataDir ?? process.env.GUICHET_SANDBOX_DIR ?? '.guichet/sandbox';
  const host = options.host ?? '127.0.0.1';
  const ports = {
    gateway: options.gatewayPort ?? defaultPorts.gateway,
    admin: options.adminPort ?? defaultPorts.admin,
    mock: options.mockPort ?? defaultPorts.mock,
  };
  const output = options.output ?? 'inherit';

  const mockUrl = `http://${host}:${String(ports.mock)}`;
  const url = `http://${host}:${String(ports.gateway)}`;
  const root = resolve(import.meta.dirname, '..', '..', '..');
  const mockEntry = join(root, 'mock-server', 'server.ts');
  const mockPorts: SandboxPort[] = [
    { port: ports.mock, host, server: 'the mock server', variable: 'MOCK_PORT' },
  ];
  const gatewayPorts: SandboxPort[] = [
    {
      port: ports.gateway,
      host,
      server: 'the gateway',
      variable: options.gatewayPortVariable ?? 'GUICHET_GATEWAY_PORT',
    },
    {
      port: ports.admin,
      host: '127.0.0.1',
      server: 'the gateway’s admin API',
      variable: 'GUICHET_ADMIN_PORT',
    },
  ];
  const takenBeforeStart =
    (await findTakenPort([...mockPorts, ...gatewayPorts])) ?? describeStoreHolder(dataDir);
  if (takenBeforeStart !== undefined) throw new SandboxStartError(takenBeforeStart);

  const result = await loadCatalog({ apisDir, audience: 'internal', brokenApis: 'leave-out' });
  if (result.failed) throw new SandboxCatalogError(result.problems);
  const language = process.env.GUICHET_LANGUAGE?.trim() || (await readPortalLanguage(options));
  const snapshotFile = join(dataDir, 'catalog.json');
  await writeSnapshot(result.catalog, snapshotFile);

  if (!existsSync(mockEntry)) {
    throw new SandboxStartError(`${mockEntry} is missing: the sandbox needs the mock server`);
  }
  const servers: (SandboxServer & { findObstacle: () => Promise<string | undefined> })[] = [
    {
      name: 'mock server',
      entry: mockEntry,
      env: {
        ...process.env,
        MOCK_PORT: String(ports.mock),
        GUICHET_SANDBOX_SNAPSHOT: snapshotFile,
        // Its own file there: the consumers' objects (resources.sqlite), unless
        // GUICHET_DATABASE_URL, inherited, puts them in PostgreSQL.
        GUICHET_SANDBOX_DIR: dataDir,
        GUICHET_LANGUAGE: language,
      },
      ports: mockPorts,
      healthUrl: `${mockUrl}/_mock/health`,
      findObstacle: () => findTakenPort(mockPorts),
    },
    {
      name: 'gateway',
      entry: join(root, 'gateway-stub', 'server.ts'),
      env: {
        ...process.env,
        GUICHET_SANDBOX_SNAPSHOT: snapshotFile,
        // Its store (gateway.sqlite), unless GUICHET_DATABASE_URL, inherited, puts it in
        // PostgreSQL; its secret, admin token, logs and quota windows either way.
        GUICHET_SANDBOX_DIR: dataDir,
        GUICHET_GATEWAY_HOST: host,
        GUICHET_GATEWAY_PORT: String(ports.gateway),
        GUICHET_ADMIN_PORT: String(ports.admin),
        GUICHET_UPSTREAM_URL: mockUrl,
        GUICHET_LANGUAGE: language,
      },
      ports: gatewayPorts,
      healthUrl: `${url}/_guichet/health`,
      findObstacle: async () => (await findTakenPort(gatewayPorts)) ?? describeStoreHolder(dataDir),
    },
  ];
  const children: ChildService[] = servers.map((server) =>
    startChildService(server.name, server.entry, server.env, output),
  );
  const exitedWhileStarting = Promise.race(
    children.map((child) => child.exited.then((how) => ({ name: child.name, ...how }))),
  );
  try {
    await Promise.race([
      Promise.all(
        servers.map((server, index) =>
          waitUntilOwnAnswer(children[index] as ChildService, server, options.readyTimeoutMs),
        ),
      ),
      exitedWhileStarting.then((how) => {
        throw new SandboxStartError(
          `the ${how.name} stopped while starting (${how.signal ?? `exit code ${String(how.code)}`}); its output above says why`,
        );
      }),
    ]);
  } catch (error) {
    await Promise.all(children.map((child) => child.stop()));
    if (error instanceof SandboxPortError) throw new SandboxStartError(error.message);
    throw error;
  }
  // Both answer: from now on a server that dies is started again.
  const policy = { ...defaultRestartPolicy, ...options.restart };
  const supervised = servers.map((server, index) =>
    superviseChild(children[index] as ChildService, {
      ...server,
      output,
      policy,
      onEvent: options.onEvent ?? (() => undefined),
    }),
  );
  const close = async (): Promise<void> => {
    await Promise.all(supervised.map((child) => child.stop()));
  };
  const exited = Promise.race(supervised.map((child) => child.ended));
  return {
    sandbox: {
      name: 'Sandbox',
      url,
      adminUrl: `http://127.0.0.1:${String(ports.admin)}`,
      mockUrl,
      adminTokenFile: process.env.GUICHET_ADMIN_TOKEN ? undefined : join(dataDir, 'admin-token'),
      snapshotFile,
      exited,
      pidOf: (name) => supervised.find((child) => child.name === name)?.pid(),
      close,
    },
    warnings: result.problems,
  };
}

/**
 * The portal's language, from `portal.yaml` through the one reader of that file (`config/`):
 * the sandbox answers refusals in it when the caller's `Accept-Language` names neither. A file
 * with mistakes stops the start with its `file:line — field — message — hint` lines.
 */
async function readPortalLanguage(options: StartSandboxOptions): Promise<string> {
  const path = options.portalFile ?? (process.env.GUICHET_PORTAL_FILE?.trim() || 'portal.yaml');
  const { identity, problems } = await loadPortalFile(path);
  if (identity === undefined) throw new SandboxCatalogError(problems);
  return identity.language;
}
