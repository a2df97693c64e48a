/**
 * Playwright's web server: builds the public, internal, French and DSFR portals from the fixture
 * APIs, then serves them on one port, the others than the public one under their base paths.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createStaticHandler } from '../../scripts/lib/portal/create-static-server.ts';
import {
  dsfrPortal,
  e2ePort,
  fixtureApisDir,
  frenchPortal,
  internalPortal,
  publicPortal,
  type E2ePortal,
} from './e2e-portals.ts';

async function buildPortal(portal: E2ePortal): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      'scripts/build-portal.ts',
      '--audience',
      portal.audience,
      '--base',
      portal.base,
      '--out',
      portal.outDir,
      '--snapshot',
      portal.snapshot,
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, APIS_DIR: fixtureApisDir, GUICHET_PORTAL_FILE: portal.portalFile },
    },
  );
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the ${portal.audience} build failed (exit ${String(code)})`);
}

// One after the other: both builds share the project's .astro/ folder, and each takes seconds.
await buildPortal(publicPortal);
await buildPortal(internalPortal);
await buildPortal(frenchPortal);
await buildPortal(dsfrPortal);

const servePublic = createStaticHandler({ dir: publicPortal.outDir, base: publicPortal.base });
const serveInternal = createStaticHandler({
  dir: internalPortal.outDir,
  base: internalPortal.base,
});
const serveFrench = createStaticHandler({ dir: frenchPortal.outDir, base: frenchPortal.base });
const serveDsfr = createStaticHandler({ dir: dsfrPortal.outDir, base: dsfrPortal.base });
const server = createServer((request, response) => {
  const url = request.url ?? '/';
  if (url.startsWith(internalPortal.base)) serveInternal(request, response);
  else if (url.startsWith(frenchPortal.base)) serveFrench(request, response);
  else if (url.startsWith(dsfrPortal.base)) serveDsfr(request, response);
  else servePublic(request, response);
});
server.listen(e2ePort, '127.0.0.1');
await once(server, 'listening');
console.log(
  `e2e portals on http://127.0.0.1:${String(e2ePort)}/, ${internalPortal.base}, ${frenchPortal.base} and ${dsfrPortal.base}`,
);
