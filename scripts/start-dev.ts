/**
 * `npm run dev`: writes the catalog snapshot the site reads (`npm run build -- --snapshot-only`,
 * same settings), then runs Astro's dev server on the portal's configuration (`astro.config.mjs`)
 * until Ctrl-C. `--help` is answered before anything is written.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { exitWithUsage, readCommandLine } from './lib/cli/read-command-line.ts';

const command = {
  name: 'dev',
  usage: `Usage: npm run dev [-- options]

Writes the catalog snapshot (as npm run build -- --snapshot-only does), then serves the portal
with Astro's dev server, reloading pages as site/ changes, until Ctrl-C.

  --port <port>  where the dev server listens (default: Astro's, 4321)
  --host <host>  the address it listens on (default: Astro's, localhost)
  -h, --help     show this help

The portal's settings (APIS_DIR, GUICHET_AUDIENCE, GUICHET_BASE_PATH, GUICHET_SANDBOX_URL,
GUICHET_SNAPSHOT) are the build's: see npm run build -- --help.`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
  },
} as const;

const { values } = readCommandLine(command);
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) {
  exitWithUsage(command, `--port — "${String(values.port)}" is not a port — give 1 to 65535`);
}
const snapshot = spawnSync(
  process.execPath,
  [join(import.meta.dirname, 'build-portal.ts'), '--snapshot-only'],
  { stdio: 'inherit' },
);
if (snapshot.status !== 0) process.exit(snapshot.status ?? 1);

// Off before Astro is loaded, as for the build.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
const { dev } = await import('astro');
await dev({
  server: {
    ...(port === undefined ? {} : { port }),
    ...(values.host === undefined ? {} : { host: values.host }),
  },
});
