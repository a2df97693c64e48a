/**
 * `npm start`: serves the built portal on http://127.0.0.1:4321 (GUICHET_PORTAL_PORT /
 * GUICHET_PORTAL_HOST to change) and, beside it, the sandbox its console calls (mock server and
 * gateway, see `npm run sandbox`: its gateway listens where GUICHET_SANDBOX_URL points, the other
 * ports follow GUICHET_ADMIN_PORT and MOCK_PORT; if it cannot start, the portal is served alone).
 * The portal is built first when `dist/` is missing or older than `apis/`; `--build` forces a
 * build, `--no-build` never builds, `--no-sandbox` serves the portal alone. Settings (base path, output folder, sandbox URL, APIS_DIR) are the build's: see
 * `npm run build -- --help`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { formatProblem } from '../catalog/index.ts';
import {
  parsePortalSettings,
  PortalSettingsError,
  toSettingsInput,
} from '../config/portal-settings.ts';
import { createStaticServer } from './lib/portal/create-static-server.ts';
import { isBuildStale } from './lib/portal/is-build-stale.ts';
import { planSandbox } from './lib/portal/plan-sandbox.ts';
import { printSandboxEvent, SandboxCatalogError, startSandbox } from './lib/sandbox/index.ts';

/** Something `npm start` runs until it is stopped. */
interface RunningService {
  name: string;
  url: string;
  close: () => Promise<void>;
  /** Settles if the service stops on its own. */
  exited: Promise<string>;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      build: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'no-sandbox': { type: 'boolean', default: false },
    },
    strict: true,
  });
  let settings;
  try {
    settings = parsePortalSettings(toSettingsInput(process.env));
  } catch (error) {
    if (!(error instanceof PortalSettingsError)) throw error;
    for (const line of error.lines) console.error(`portal settings — ${line}`);
    return 1;
  }
  const apisDir = process.env.APIS_DIR?.trim() || 'apis';
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
  const host = process.env.GUICHET_PORTAL_HOST ?? '127.0.0.1';
  const port = Number(process.env.GUICHET_PORTAL_PORT ?? 4321);
  services.push(await startPortal(settings.outDir, settings.base, host, port));

  const plan = planSandbox(settings.sandboxUrl, !values['no-sandbox']);
  if (plan.start) {
    try {
      services.push(await startLocalSandbox(apisDir, plan.host, plan.port));
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
  apisDir: string,
  host: string,
  port: number,
): Promise<RunningService> {
  // The gateway's port is the one the portal was built to call; the others, as `npm run sandbox`.
  const { sandbox, warnings } = await startSandbox({
    apisDir,
    host,
    gatewayPort: port,
    adminPort: toPort(process.env.GUICHET_ADMIN_PORT, 8001),
    mockPort: toPort(process.env.MOCK_PORT, 4010),
    onEvent: printSandboxEvent,
  });
  for (const problem of warnings) console.warn(formatProblem(problem));
  return {
    name: 'Sandbox',
    url: `${sandbox.url}/<api-id>/<version-id>/… (admin ${sandbox.adminUrl})`,
    exited: sandbox.exited.then(
      (how) =>
        `sandbox: the ${how.name} stopped (${how.signal ?? `exit code ${String(how.code)}`})`,
    ),
    close: () => sandbox.close(),
  };
}

function toPort(value: string | undefined, fallback: number): number {
  return value === undefined || value.trim() === '' ? fallback : Number(value);
}

process.exitCode = await main();
