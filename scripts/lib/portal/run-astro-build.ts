import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { PortalSettings } from '../../../config/portal-settings.ts';

/**
 * Runs Astro's static build with the portal's configuration (the same as `astro.config.mjs`
 * builds for the dev server), in a process of its own: what rendering every page takes is given
 * back to the machine when it ends, before Pagefind indexes the pages (on the corpus, the two
 * in one process peaked at 1.9 GB). Telemetry is off before Astro is even loaded.
 */
export async function runAstroBuild(settings: PortalSettings): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(new URL('astro-build-process.ts', import.meta.url)),
      JSON.stringify(settings),
    ],
    { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
  );
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  if (code !== 0) {
    throw new Error(
      `Astro's build stopped (${signal ?? `exit ${String(code)}`}): see its messages above`,
    );
  }
}
