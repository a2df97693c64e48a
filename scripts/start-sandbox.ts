/**
 * `npm run sandbox`: the mock server (port 4010) and the gateway (8000, admin 8001) for
 * every API of `apis/`, until Ctrl-C. A server that dies is started again (0.5 s, doubling to
 * 30 s while it keeps dying); the launcher gives up, exit code 1, after five failed starts, and
 * at once when a port or the store is held by another process.
 * Ports: GUICHET_GATEWAY_PORT, GUICHET_ADMIN_PORT, MOCK_PORT (defaults in
 * `catalog/default-ports.ts`); data folder: GUICHET_SANDBOX_DIR (default .guichet/sandbox). See
 * `sandbox-env.ts` for the variables.
 */
import { defaultPorts } from '../catalog/default-ports.ts';
import { formatProblem } from '../catalog/index.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import { readCommandLine } from './lib/cli/read-command-line.ts';
import { printSandboxEvent, SandboxCatalogError, startSandbox } from './lib/sandbox/index.ts';
import { sandboxEnvSchema } from './lib/sandbox/sandbox-env.ts';

const command = {
  name: 'sandbox',
  usage: `Usage: npm run sandbox

Runs the sandbox until Ctrl-C: the mock server and the gateway for every API of apis/, on the
catalog read once. A server that dies is started again (after 0.5 s, doubling to 30 s while it
keeps dying); after five failed starts in a row the launcher gives up with exit code 1. A port
already in use, or a store another gateway serves, stops it at once with exit code 1. Manage
its keys with npm run keys.

Environment:
  APIS_DIR               the APIs folder (default apis)
  GUICHET_SANDBOX_DIR    store, secret, admin token, logs, snapshot and the consumers' objects
                         (default .guichet/sandbox)
  GUICHET_GATEWAY_PORT   the gateway (default ${String(defaultPorts.gateway)})
  GUICHET_ADMIN_PORT     its admin API and /metrics (default ${String(defaultPorts.admin)})
  MOCK_PORT              the mock server, which only the gateway calls (default ${String(defaultPorts.mock)})
The gateway and the mock server read the rest of their settings themselves: see
gateway-stub/README.md and mock-server/README.md.

  -h, --help   show this help`,
  options: {},
} as const;

async function main(): Promise<number> {
  readCommandLine(command);
  const env = readCommandEnvironment(command.name, sandboxEnvSchema);
  let started;
  try {
    started = await startSandbox({
      apisDir: env.APIS_DIR,
      dataDir: env.GUICHET_SANDBOX_DIR,
      gatewayPort: env.GUICHET_GATEWAY_PORT,
      adminPort: env.GUICHET_ADMIN_PORT,
      mockPort: env.MOCK_PORT,
      onEvent: printSandboxEvent,
    });
  } catch (error) {
    if (error instanceof SandboxCatalogError) {
      for (const problem of error.problems) console.error(formatProblem(problem));
      console.error('sandbox: fix the problems above, then start again');
      return 1;
    }
    console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const { sandbox, warnings } = started;
  for (const problem of warnings) console.warn(formatProblem(problem));
  console.log(`Sandbox:   ${sandbox.url}/<api-id>/<version-id>/… (header X-Api-Key)`);
  console.log(`Admin API: ${sandbox.adminUrl} (/keys, /consumers, /usage, /metrics)`);
  console.log(
    "Usage:     the portal's /usage/ (each partner's own, with their key) and /usage/owners/ (owners, with the admin token)",
  );
  console.log(
    sandbox.adminTokenFile === undefined
      ? 'Admin token: from GUICHET_ADMIN_TOKEN'
      : `Admin token: ${sandbox.adminTokenFile}`,
  );
  console.log('Keys: npm run keys -- --help. Stop with Ctrl-C.');

  const stopped = await Promise.race([
    new Promise<'signal'>((resolve) => {
      process.once('SIGINT', () => {
        resolve('signal');
      });
      process.once('SIGTERM', () => {
        resolve('signal');
      });
    }),
    sandbox.exited,
  ]);
  await sandbox.close();
  if (stopped === 'signal') return 0;
  if (stopped.reason !== undefined) {
    console.error(`sandbox: ${stopped.reason}`);
    return 1;
  }
  console.error(
    `sandbox: the ${stopped.name} kept stopping as it started again (${stopped.signal ?? `exit code ${String(stopped.code)}`}): giving up`,
  );
  return 1;
}

process.exitCode = await main();
