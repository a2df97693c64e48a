/**
 * `npm run screenshots`: builds the sample catalog in the neutral and the DSFR theme, both in
 * French and English, and takes the README's pictures of the home, catalog and API page on a
 * desktop and a phone with Debian's Chromium (see `--help`). Not part of `npm test`: a picture
 * changes with every look change, and only a person can tell whether it is right.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumFlags, chromiumPath } from '../config/chromium.ts';
import { readCommandLine } from './lib/cli/read-command-line.ts';
import { createStaticServer } from './lib/portal/create-static-server.ts';
import {
  planScreenshots,
  screenshotThemes,
  type ScreenshotTheme,
} from './lib/screenshots/plan-screenshots.ts';
import { screenshotsCommand } from './lib/screenshots/screenshots-command.ts';

const { values } = readCommandLine(screenshotsCommand);
const outDir = values.out ?? 'docs/screenshots';
const workDir = '.guichet/screenshots';

/** The portal.yaml of each theme: guichet's defaults in both languages, the sample ministry's. */
const neutralPortalFile = join(workDir, 'neutral-portal.yaml');
const portalFiles: Record<ScreenshotTheme, string> = {
  neutral: neutralPortalFile,
  dsfr: 'examples/dsfr/portal.yaml',
};

async function buildPortal(theme: ScreenshotTheme): Promise<string> {
  const out = join(workDir, theme);
  console.log(`Building the sample catalog in the ${theme} theme…`);
  const child = spawn(
    process.execPath,
    [
      'scripts/build-portal.ts',
      '--out',
      out,
      '--snapshot',
      join(workDir, `${theme}-catalog.json`),
      '--portal',
      portalFiles[theme],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, APIS_DIR: 'apis' } },
  );
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the ${theme} build failed (exit ${String(code)})`);
  return out;
}

await mkdir(workDir, { recursive: true });
await writeFile(neutralPortalFile, 'language: fr\nlanguages: [fr, en]\n');
await mkdir(outDir, { recursive: true });
const plan = planScreenshots();
const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumFlags] });
let total = 0;
try {
  for (const theme of screenshotThemes) {
    const dir = await buildPortal(theme);
    const server = createStaticServer({ dir }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    try {
      for (const shot of plan.filter((planned) => planned.theme === theme)) {
        const page = await browser.newPage({
          viewport: { width: shot.width, height: shot.height },
          colorScheme: 'light',
          reducedMotion: 'reduce',
        });
        // A picture waits for its page, however busy the machine: no budget to run out of.
        page.setDefaultTimeout(0);
        // Nothing but the portal itself: the pictures show what an offline portal shows.
        await page.route('**/*', (route) =>
          route.request().url().startsWith(origin) ? route.fallback() : route.abort(),
        );
        await page.goto(`${origin}/${shot.path}`);
        if (theme === 'dsfr')
          await page.locator('html[data-fr-js="true"]').waitFor({ state: 'attached' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const file = join(outDir, shot.file);
        await rm(file, { force: true });
        await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
        await page.close();
        const { size } = await stat(file);
        total += size;
        console.log(`${file}: ${(size / 1024).toFixed(1)} KB`);
      }
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }
} finally {
  await browser.close();
}
console.log(
  `${String(plan.length)} screenshots in ${outDir}/, ${(total / 1024).toFixed(0)} KB in all`,
);
