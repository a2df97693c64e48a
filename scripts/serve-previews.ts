/**
 * `npm run previews`: serves every branch preview of GUICHET_PREVIEWS_DIR (default
 * .guichet/previews) on http://127.0.0.1:4400 (GUICHET_PREVIEWS_HOST / _PORT): `/` lists them,
 * `/<slug>/` is a branch's portal and `/<slug>/_sandbox/` its own sandbox, started on its first
 * call from the branch's snapshot and stopped after GUICHET_PREVIEWS_IDLE_MINUTES (30) unused.
 * A new or rebuilt preview is picked up without a restart. GUICHET_PREVIEWS_URL names the
 * address reviewers open when a proxy fronts this server. Stop with Ctrl-C.
 */
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createPreviewsServer } from './lib/previews/create-previews-server.ts';
import { parsePreviewsEnv } from './lib/previews/previews-env.ts';

async function main(): Promise<number> {
  const parsed = parsePreviewsEnv(process.env);
  if (!parsed.ok) {
    for (const problem of parsed.problems) console.error(`previews: ${problem}`);
    return 1;
  }
  const { env } = parsed;
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
