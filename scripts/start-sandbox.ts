/**
 * `npm run sandbox`: the mock server (port 4010) and the gateway (8000, admin 8001) for
 * every API of `apis/`, until Ctrl-C. A server that dies is started again (0.5 s, doubling to
 * 30 s while it keeps dying); the launcher gives up, exit code 1, after five failed starts. Ports: GUICHET_GATEWAY_PORT, GUICHET_ADMIN_PORT,
 * MOCK_PORT; data folder: GUICHET_SANDBOX_DIR (default .guichet/sandbox).
 */
import { formatProblem } from '../catalog/index.ts';
import { printSandboxEvent, SandboxCatalogError, startSandbox } from './lib/sandbox/index.ts';

const toPort = (value: string | undefined, fallback: number): number =>
  value === undefined || value === '' ? fallback : Number(value);

async function main(): Promise<number> {
  let started;
  try {
    started = await startSandbox({
      gatewayPort: toPort(process.env.GUICHET_GATEWAY_PORT, 8000),
      adminPort: toPort(process.env.GUICHET_ADMIN_PORT, 8001),
      mockPort: toPort(process.env.MOCK_PORT, 4010),
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
  console.log(`Admin API: ${sandbox.adminUrl} (/keys, /consumers, /metrics)`);
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
  console.error(
    `sandbox: the ${stopped.name} kept stopping as it started again (${stopped.signal ?? `exit code ${String(stopped.code)}`}): giving up`,
  );
  return 1;
}

process.exitCode = await main();
