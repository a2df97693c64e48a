/**
 * `npm run previews`: serves every branch preview of GUICHET_PREVIEWS_DIR (default
 * .guichet/previews) on http://127.0.0.1:4400 (GUICHET_PREVIEWS_HOST / _PORT; the default
 * port is in `catalog/default-ports.ts`): `/` lists them,
 * `/<slug>/` is a branch's portal and `/<slug>/_sandbox/` its own sandbox, started on its first
 * call from the branch's snapshot and stopped after GUICHET_PREVIEWS_IDLE_MINUTES (30) unused.
 * A new or rebuilt preview is picked up without a restart. GUICHET_PREVIEWS_URL names the
 * address reviewers open when a proxy fronts this server. Stop with Ctrl-C.
 */
import { once } from 'node:events';
import { resolve } from 'node:path';
import { defaultPorts } from '../catalog/default-ports.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import { readCommandLine } from './lib/cli/read-command-line.ts';
import { createPreviewsServer } from './lib/previews/create-previews-server.ts';
import { defaultPreviewsDir } from './lib/previews/preview-manifest.ts';
import { previewsEnvSchema } from './lib/previews/previews-env.ts';

const command = {
  name: 'previews',
  usage: `Usage: npm run previews

Serves every branch preview of the previews folder until Ctrl-C: / lists them, /<slug>/ is a
branch's portal and /<slug>/_sandbox/ its own sandbox, started on its first call. A new or
rebuilt preview is picked up without a restart. Build one with npm run build:preview.

Environment:
  GUICHET_PREVIEWS_DIR            the previews folder (default ${defaultPreviewsDir})
  GUICHET_PREVIEWS_HOST / _PORT   where to listen (default 127.0.0.1:${String(defaultPorts.previews)})
  GUICHET_PREVIEWS_URL            the address reviewers open, when a proxy fronts this server
  GUICHET_PREVIEWS_IDLE_MINUTES   a sandbox unused this long stops until its next call (30; 0: never)

  -h, --help   show this help`,
  options: {},
} as const;

async function main(): Promise<number> {
  readCommandLine(command);
  const env = readCommandEnvironment(command.name, previewsEnvSchema);
  const previews = createPreviewsServer({
    previewsDir: env.GUICHET_PREVIEWS_DIR,
    ...(env.GUICHET_PREVIEWS_URL === undefined ? {} : { publicUrl: env.GUICHET_PREVIEWS_URL }),
    idleMs: env.GUICHET_PREVIEWS_IDLE_MINUTES * 60_000,
    log: (line) => {
      console.log(`previews: ${line}`);
    },
    onError: (error) => {
      console.error('previews:', error);
    },
  });
  const { server } = previews;
  server.listen(env.GUICHET_PREVIEWS_PORT, env.GUICHET_PREVIEWS_HOST);
  try {
    await once(server, 'listening');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EADDRINUSE'
        ? 'another process uses it: stop it or set GUICHET_PREVIEWS_PORT'
        : String(error);
    console.error(
      `previews: cannot listen on ${env.GUICHET_PREVIEWS_HOST}:${String(env.GUICHET_PREVIEWS_PORT)} — ${hint}`,
    );
    return 1;
  }
  const listed = await previews.registry.list();
  console.log(
    `Previews: http://${env.GUICHET_PREVIEWS_HOST}:${String(env.GUICHET_PREVIEWS_PORT)}/ ` +
      `(${String(listed.length)} in ${resolve(env.GUICHET_PREVIEWS_DIR)}). Stop with Ctrl-C.`,
  );

  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  // Sandboxes run in this process: stopping them here writes their usage and closes their stores.
  await previews.close();
  return 0;
}

process.exitCode = await main();
