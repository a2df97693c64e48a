/**
 * `npm run bench:lighthouse`: builds the sample catalog with one generated API large enough to
 * be split into a page per tag (the sample has none), serves it on loopback and runs Lighthouse
 * (Debian's Chromium, Lighthouse's default mobile profile with simulated throttling) on the
 * home, catalog, API, per-tag, guide and reference pages, printing performance and
 * accessibility, then the CSS, JavaScript and fonts each page loads.
 * `--portal examples/dsfr/portal.yaml` measures the DSFR theme.
 * Goal: performance ≥ 0.95 and accessibility 1.0 on the catalog, API, per-tag and reference
 * pages (the reference page before its console is opened).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createStaticServer } from '../scripts/lib/portal/create-static-server.ts';
import { formatTable, toSize } from './lib/portal/format-table.ts';
import { measurePageAssets } from './lib/portal/measure-page-assets.ts';
import { pickPages } from './lib/portal/pick-pages.ts';
import { runMeasured } from './lib/portal/run-measured.ts';
import { splitApiId, writeSplitApi } from './lib/portal/write-split-api.ts';
import { chromiumFlags, chromiumPath } from '../config/chromium.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchLighthouseCommand } from './lib/bench-commands.ts';
import { dsfrFolder } from '../config/asset-paths.ts';

const { values } = readCommandLine(benchLighthouseCommand);
const portalFile = values.portal;

const workDir = '.guichet/bench/lighthouse';
const outDir = join(workDir, 'dist');
const reportsDir = join(workDir, 'reports');
const lighthouseCli = 'node_modules/lighthouse/cli/index.js';
const chromeFlags = ['--headless=new', ...chromiumFlags].join(' ');

/** The two scores this benchmark reads from a Lighthouse report. */
interface Scores {
  performance: number | undefined;
  accessibility: number | undefined;
  /** Largest Contentful Paint and Total Blocking Time, to explain a performance score. */
  lcpMs: number | undefined;
  tbtMs: number | undefined;
  failedAudits: string[];
}

async function runLighthouse(url: string, reportPath: string): Promise<Scores> {
  const child = spawn(
    process.execPath,
    [
      lighthouseCli,
      url,
      '--quiet',
      '--output=json',
      `--output-path=${reportPath}`,
      '--only-categories=performance,accessibility',
      // The screenshot of a whole tall page can outlast Lighthouse's protocol timeout; no score
      // reads it.
      '--disable-full-page-screenshot',
      `--chrome-flags=${chromeFlags}`,
    ],
    {
      env: { ...process.env, CHROME_PATH: chromiumPath },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`Lighthouse failed on ${url}: ${errors.trim()}`);
  const report = JSON.parse(await readFile(reportPath, 'utf8')) as {
    categories: Record<string, { score: number | null; auditRefs: { id: string }[] } | undefined>;
    audits: Record<
      string,
      { score: number | null; numericValue?: number; scoreDisplayMode?: string }
    >;
  };
  const accessibility = report.categories.accessibility;
  const failedAudits = (accessibility?.auditRefs ?? [])
    .map((ref) => ({ id: ref.id, audit: report.audits[ref.id] }))
    .filter(({ audit }) => audit?.scoreDisplayMode === 'binary' && audit.score === 0)
    .map(({ id }) => id);
  return {
    performance: report.categories.performance?.score ?? undefined,
    accessibility: accessibility?.score ?? undefined,
    lcpMs: report.audits['largest-contentful-paint']?.numericValue,
    tbtMs: report.audits['total-blocking-time']?.numericValue,
    failedAudits,
  };
}

await mkdir(reportsDir, { recursive: true });
const sourceApis = process.env.APIS_DIR ?? 'apis';
const apisDir = join(workDir, 'apis');
await rm(apisDir, { recursive: true, force: true });
await cp(sourceApis, apisDir, { recursive: true });
await writeSplitApi(apisDir);
console.log(
  `Building the sample catalog (${sourceApis}) and the generated ${splitApiId}${portalFile ? ` with ${portalFile}` : ''}…`,
);
const build = await runMeasured(
  process.execPath,
  [
    'scripts/build-portal.ts',
    '--out',
    outDir,
    '--snapshot',
    join(workDir, 'catalog.json'),
    ...(portalFile ? ['--portal', portalFile] : []),
  ],
  { ...process.env, APIS_DIR: apisDir, ASTRO_TELEMETRY_DISABLED: '1' },
);
if (build.code !== 0) {
  console.error(build.output);
  process.exit(1);
}
const facts = await pickPages(outDir, [splitApiId]);
if (!facts.pages.some((page) => page.kind === 'per-tag page')) {
  console.error(
    `${splitApiId} was not split into pages per tag: raise its size (write-split-api.ts)`,
  );
  process.exit(1);
}
const kinds = ['home', 'catalog', 'API page', 'per-tag page', 'guide', 'reference'];
/** The pages held to performance ≥ 0.95 and accessibility 1.0. */
const goalKinds = ['catalog', 'API page', 'per-tag page', 'reference'];
const pages = kinds.flatMap((kind) => facts.pages.filter((page) => page.kind === kind));

const server = createStaticServer({ dir: outDir }).listen(0, '127.0.0.1');
await once(server, 'listening');
const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
const rows: string[][] = [['page', 'path', 'performance', 'accessibility', 'LCP', 'TBT']];
const notes: string[] = [];
const goals: string[] = [];
try {
  for (const page of pages) {
    console.log(`Lighthouse: ${page.kind} (${page.path})…`);
    // Apart from the build's files: the catalog page's report would overwrite its catalog.json.
    const reportPath = join(reportsDir, `${page.kind.replace(/\W+/g, '-')}.json`);
    const scores = await runLighthouse(`${origin}/${page.path.replace(/^\//, '')}`, reportPath);
    const show = (score: number | undefined): string =>
      score === undefined ? '—' : score.toFixed(2);
    const ms = (value: number | undefined): string =>
      value === undefined ? '—' : `${String(Math.round(value))} ms`;
    rows.push([
      page.kind,
      page.path,
      show(scores.performance),
      show(scores.accessibility),
      ms(scores.lcpMs),
      ms(scores.tbtMs),
    ]);
    if (scores.failedAudits.length > 0)
      notes.push(`${page.kind}: failed accessibility audits: ${scores.failedAudits.join(', ')}`);
    if (goalKinds.includes(page.kind)) {
      const fast = (scores.performance ?? 0) >= 0.95;
      const accessible = (scores.accessibility ?? 0) >= 1;
      goals.push(
        `${page.kind}: performance ≥ 0.95 ${fast ? 'yes' : 'NO'}, accessibility 1.0 ${accessible ? 'yes' : 'NO'}`,
      );
    }
  }
  const weights = await measurePageAssets(origin, '/', outDir, pages, dsfrFolder);
  const weightRows = [['page', 'CSS gzip', 'of it DSFR', 'JS gzip', 'of it DSFR', 'fonts']];
  for (const weight of weights) {
    weightRows.push([
      weight.kind,
      toSize(weight.cssGzipBytes),
      toSize(weight.folderCssGzipBytes),
      toSize(weight.jsGzipBytes),
      toSize(weight.folderJsGzipBytes),
      toSize(weight.fontBytes),
    ]);
  }
  notes.push(
    `What each page loads (fonts as sent: WOFF2 is compressed already):\n${formatTable(weightRows)}`,
  );
} finally {
  server.closeAllConnections();
  server.close();
}
console.log(
  `\nLighthouse ${new Date().toISOString().slice(0, 10)} (mobile profile, simulated throttling), reports in ${reportsDir}/\n`,
);
console.log(formatTable(rows));
if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
console.log(`\n${goals.join('\n')}`);
