/**
 * `npm start`: serves the built portal on http://127.0.0.1:4321 (GUICHET_PORTAL_PORT /
 * GUICHET_PORTAL_HOST to change), building it first when `dist/` is missing or older than
 * `apis/`. `--build` forces a build, `--no-build` never builds. Settings (base path, output
 * folder, sandbox URL, APIS_DIR) are the build's: see `npm run build -- --help`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import {
  parsePortalSettings,
  PortalSettingsError,
  toSettingsInput,
} from '../config/portal-settings.ts';
import { createStaticServer } from './lib/portal/create-static-server.ts';
import { isBuildStale } from './lib/portal/is-build-stale.ts';

/** Something `npm start` runs until it is stopped. */
interface RunningService {
  name: string;
  url: string;
  close: () => Promise<void>;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      build: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
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
        : `Building the portal (${settings.outDir} is older than ${apisDir})…`,
    );
    const code = await runBuild();
    if (code !== 0) return code;
  }

  const host = process.env.GUICHET_PORTAL_HOST ?? '127.0.0.1';
  const port = Number(process.env.GUICHET_PORTAL_PORT ?? 4321);
  const services: RunningService[] = [
    await startPortal(settings.outDir, settings.base, host, port),
  ];
  // The sandbox joins here: once scripts/start-sandbox.ts exports its start function, push the
  // service it returns so `npm start` serves the portal and the sandbox its console calls.
  // Until then, run `npm run sandbox` beside `npm start`.

  for (const service of services) console.log(`${service.name}: ${service.url}`);
  const stop = async (): Promise<void> => {
    await Promise.all(services.map((service) => service.close()));
  };
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  await stop();
  return 0;
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
  const server: Server = createStaticServer({ dir: outDir, base });
  server.listen(port, host);
  await once(server, 'listening');
  return {
    name: 'Portal',
    url: `http://${host}:${String(port)}${base}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

process.exitCode = await main();
