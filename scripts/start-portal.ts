/**
 * `npm start`: serves the built portal on http://127.0.0.1:4321 (GUICHET_PORTAL_PORT /
 * GUICHET_PORTAL_HOST to change) and, beside it, the sandbox its console calls (mock server and
 * gateway, see `npm run sandbox`: its gateway listens where GUICHET_SANDBOX_URL points, the other
 * ports follow GUICHET_ADMIN_PORT and MOCK_PORT; if it cannot start, the portal is served alone).
 * The portal is built first when `dist/` is missing or older than `apis/`; `--build` forces a
 * build, `--no-build` never builds, `--no-sandbox` serves the portal alone. Settings (base
 * path, output folder, sandbox URL, APIS_DIR) are the build's: see `npm run build -- --help`.
 * The variables are in `portal-env.ts`, the default ports in `catalog/default-ports.ts`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { defaultPorts, toLocalUrl } from '../catalog/default-ports.ts';
import { formatProblem } from '../catalog/index.ts';
import {
  parsePortalSettings,
  PortalSettingsError,
  toSettingsInput,
} from '../config/portal-settings.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import { exitWithUsage, readCommandLine } from './lib/cli/read-command-line.ts';
import { createStaticServer } from './lib/portal/create-static-server.ts';
import { isBuildStale } from './lib/portal/is-build-stale.ts';
import { planSandbox } from './lib/portal/plan-sandbox.ts';
import { startEnvSchema, type StartEnv } from './lib/portal/portal-env.ts';
import { findTakenPort } from './lib/sandbox/find-taken-port.ts';
import { printSandboxEvent, SandboxCatalogError, startSandbox } from './lib/sandbox/index.ts';

const command = {
  name: 'start',
  usage: `Usage: npm start [-- options]

Serves the built portal and, beside it, the sandbox its console calls, until Ctrl-C. The portal
is built first when its folder is missing or older than apis/. A port already in use stops it
before anything is built.

  --build        build the portal first, even if it looks up to date
  --no-build     never build; serve what is there (not with --build)
  --no-sandbox   serve the portal alone
  -h, --help     show this help

Environment:
  GUICHET_PORTAL_HOST / _PORT   where the portal is served (default ${toLocalUrl(defaultPorts.portal)})
  GUICHET_ADMIN_PORT, MOCK_PORT the sandbox's other ports (defaults ${String(defaultPorts.admin)}, ${String(defaultPorts.mock)});
                                its gateway listens where GUICHET_SANDBOX_URL points
  GUICHET_SANDBOX_DIR           the sandbox's data folder (default .guichet/sandbox)
The portal's own settings (GUICHET_BASE_PATH, GUICHET_OUT_DIR, GUICHET_SANDBOX_URL, APIS_DIR)
are the build's: see npm run build -- --help.`,
  options: {
    build: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-sandbox': { type: 'boolean', default: false },
  },
} as const;

/** Something `npm start` runs until it is stopped. */
interface RunningService {
  name: string;
  url: string;
  close: () => Promise<void>;
  /** Settles if the service stops on its own. */
  exited: Promise<string>;
}

async function main(): Promise<number> {
  const { values } = readCommandLine(command);
  if (values.build && values['no-build']) {
    exitWithUsage(command, '--build and --no-build contradict each other — give one of them');
  }
  const env = readCommandEnvironment(command.name, startEnvSchema);
  let settings;
  try {
    settings = parsePortalSettings(toSettingsInput(env));
  } catch (error) {
    if (!(error instanceof PortalSettingsError)) throw error;
    for (const line of error.lines) console.error(`start: ${line}`);
    return 1;
  }
  // Checked before building: a build would replace the folder a running portal serves.
  const taken = await findTakenPort([
    {
      port: env.GUICHET_PORTAL_PORT,
      host: env.GUICHET_PORTAL_HOST,
      server: 'the portal',
      variable: 'GUICHET_PORTAL_PORT',
    },
  ]);
  if (taken !== undefined) {
    console.error(`start: ${taken}`);
    return 1;
  }
  const apisDir = env.APIS_DIR;
  const stale = await isBuildStale(settings.outDir, apisDir);
  if (values.build || (stale && !values['no-build'])) {
    console.log(
      values.build
        ? 'Building the portal…'
        : `Building the portal (${settings.outDir} is missing or older than ${apisDir})…`,
    );
    const code = await runBuild();
    if (code !== 0) return code;
  }

  const services: RunningService[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(services.map((service) => service.close()));
  };
  services.push(
    await startPortal(
      settings.outDir,
      settings.base,
      env.GUICHET_PORTAL_HOST,
      env.GUICHET_PORTAL_PORT,
    ),
  );

  const plan = planSandbox(settings.sandboxUrl, !values['no-sandbox']);
  if (plan.start) {
    try {
      services.push(await startLocalSandbox(env, plan.host, plan.port));
    } catch (error) {
      // The portal is still worth serving: only the console's requests need the sandbox.
      if (error instanceof SandboxCatalogError) {
        for (const problem of error.problems) console.error(formatProblem(problem));
      }
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`Sandbox: not started (${reason}); the console's requests will fail.`);
    }
  } else {
    console.log(`Sandbox: ${plan.reason}`);
  }

  for (const service of services) console.log(`${service.name}: ${service.url}`);
  console.log('Stop with Ctrl-C.');
  const signal = new Promise<undefined>((resolve) => {
    process.once('SIGINT', () => {
      resolve(undefined);
    });
    process.once('SIGTERM', () => {
      resolve(undefined);
    });
  });
  const stopped = await Promise.race([signal, ...services.map((service) => service.exited)]);
  await stopAll();
  if (stopped === undefined) return 0;
  console.error(stopped);
  return 1;
}

/** Runs `npm run build` as a child process with the same settings, printing its output. */
async function runBuild(): Promise<number> {
  const child = spawn(process.execPath, ['scripts/build-portal.ts'], { stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code ?? 1;
}

async function startPortal(
  outDir: string,
  base: string,
  host: string,
  port: number,
): Promise<RunningService> {
  const server = createStaticServer({ dir: outDir, base });
  server.listen(port, host);
  await once(server, 'listening');
  return {
    name: 'Portal',
    url: `http://${host}:${String(port)}${base}`,
    // The static server only stops when asked.
    exited: new Promise(() => undefined),
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function startLocalSandbox(
  env: StartEnv,
  host: string,
  port: number,
): Promise<RunningService> {
  // The gateway's port is the one the portal was built to call; the others, as `npm run sandbox`.
  const { sandbox, warnings } = await startSandbox({
    apisDir: env.APIS_DIR,
    dataDir: env.GUICHET_SANDBOX_DIR,
    host,
    gatewayPort: port,
    gatewayPortVariable: 'GUICHET_SANDBOX_URL',
    adminPort: env.GUICHET_ADMIN_PORT,
    mockPort: env.MOCK_PORT,
    onEvent: printSandboxEvent,
  });
  for (const problem of warnings) console.warn(formatProblem(problem));
  return {
    name: 'Sandbox',
    url: `${sandbox.url}/<api-id>/<version-id>/… (admin ${sandbox.adminUrl})`,
    exited: sandbox.exited.then((how) =>
      how.reason === undefined
        ? `sandbox: the ${how.name} stopped (${how.signal ?? `exit code ${String(how.code)}`})`
        : `sandbox: ${how.reason}`,
    ),
    close: () => sandbox.close(),
  };
}

process.exitCode = await main();
