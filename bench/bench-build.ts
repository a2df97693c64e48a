/**
 * `npm run bench:build`: builds, one after the other in the same run, the sample catalog
 * (`apis/`) and the corpus of real documents (`../shared/corpus`), each as its own process with a
 * 4 GB heap, and prints side by side: time, peak memory of the build's process tree, pages,
 * output and search index sizes, and the JavaScript each kind of page loads (gzip).
 * Goals: the corpus in under 5 minutes within the 4 GB heap; catalog and API pages under 30 KB.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createStaticServer } from '../scripts/lib/portal/create-static-server.ts';
import { measureFolder } from '../scripts/lib/portal/measure-output.ts';
import { formatTable, toSize } from './lib/portal/format-table.ts';
import { measurePageScripts, type PageScripts } from './lib/portal/measure-page-scripts.ts';
import { pickPages, type PortalFacts } from './lib/portal/pick-pages.ts';
import { prepareCorpusApis } from './lib/portal/prepare-corpus.ts';
import { runMeasured, type MeasuredRun } from './lib/portal/run-measured.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchBuildCommand } from './lib/bench-commands.ts';

readCommandLine(benchBuildCommand);

const workDir = '.guichet/bench/build';
const pageKinds = ['home', 'catalog', 'API page', 'reference', 'guide', 'search'];

interface CatalogToBuild {
  name: string;
  apisDir: string;
}

interface BuildReport {
  name: string;
  run: MeasuredRun;
  facts: PortalFacts;
  dist: { bytes: number; pages: number };
  searchBytes: number;
  scripts: PageScripts[];
}

async function buildAndMeasure(target: CatalogToBuild): Promise<BuildReport> {
  const outDir = join(workDir, target.name, 'dist');
  console.log(`Building ${target.name} (${target.apisDir})…`);
  const run = await runMeasured(
    process.execPath,
    [
      '--max-old-space-size=4096',
      'scripts/build-portal.ts',
      '--out',
      outDir,
      '--snapshot',
      join(workDir, target.name, 'catalog.json'),
    ],
    { ...process.env, APIS_DIR: target.apisDir, ASTRO_TELEMETRY_DISABLED: '1' },
  );
  if (run.code !== 0) {
    console.error(run.output);
    throw new Error(`the ${target.name} build failed (exit ${String(run.code)})`);
  }
  console.log(`  ${run.output.trim().split('\n').at(-1) ?? ''}`);
  const facts = await pickPages(outDir);
  const dist = await measureFolder(outDir);
  const search = await measureFolder(join(outDir, 'pagefind'));
  const server = createStaticServer({ dir: outDir }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  try {
    const scripts = await measurePageScripts(origin, '/', outDir, facts.pages);
    return { name: target.name, run, facts, dist, searchBytes: search.bytes, scripts };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

function toReportTable(reports: BuildReport[]): string {
  const header = ['', ...reports.map((report) => report.name)];
  if (reports.length === 2) header.push('ratio');
  const ratio = (pick: (report: BuildReport) => number): string[] => {
    const [first, second] = reports;
    if (!first || !second || reports.length !== 2) return [];
    const a = pick(first);
    return [a === 0 ? '—' : `${(pick(second) / a).toFixed(1)}×`];
  };
  const row = (
    label: string,
    show: (report: BuildReport) => string,
    value?: (report: BuildReport) => number,
  ): string[] => [
    label,
    ...reports.map(show),
    ...(value ? ratio(value) : reports.length === 2 ? [''] : []),
  ];
  const scriptOf = (report: BuildReport, kind: string): PageScripts | undefined =>
    report.scripts.find((item) => item.kind === kind);
  return formatTable([
    header,
    row(
      'APIs',
      (report) => String(report.facts.apis),
      (report) => report.facts.apis,
    ),
    row('versions', (report) => String(report.facts.versions)),
    row(
      'operations',
      (report) => String(report.facts.operations),
      (report) => report.facts.operations,
    ),
    row(
      'build time',
      (report) => `${report.run.seconds.toFixed(1)} s`,
      (report) => report.run.seconds,
    ),
    row(
      'peak RSS, build + children',
      (report) => toSize(report.run.peakRssBytes),
      (report) => report.run.peakRssBytes,
    ),
    row(
      'pages (HTML files)',
      (report) => String(report.dist.pages),
      (report) => report.dist.pages,
    ),
    row(
      'dist size',
      (report) => toSize(report.dist.bytes),
      (report) => report.dist.bytes,
    ),
    row(
      'search index size',
      (report) => toSize(report.searchBytes),
      (report) => report.searchBytes,
    ),
    row('largest API page', (report) =>
      report.facts.largestApi
        ? `${report.facts.largestApi.id} (${String(report.facts.largestApi.operations)} ops)`.slice(
            0,
            44,
          )
        : '—',
    ),
    row('  its HTML, gzip', (report) => toSize(scriptOf(report, 'API page')?.htmlGzipBytes ?? 0)),
    ...pageKinds.map((kind) =>
      row(`JS gzip: ${kind}`, (report) => {
        const item = scriptOf(report, kind);
        return item
          ? `${toSize(item.gzipBytes)} (${String(item.files)} files, ${String(item.inline)} inline)`
          : 'n/a';
      }),
    ),
  ]);
}

function checkGoals(reports: BuildReport[]): string[] {
  const lines: string[] = [];
  const corpus = reports.find((report) => report.name === 'corpus');
  if (corpus) {
    const seconds = corpus.run.seconds;
    lines.push(
      `corpus build under 5 minutes: ${seconds < 300 ? 'yes' : 'NO'} (${seconds.toFixed(1)} s)`,
    );
    lines.push(
      `corpus build within the 4 GB heap: ${corpus.run.code === 0 ? 'yes' : 'NO'} (peak RSS of the whole tree ${toSize(corpus.run.peakRssBytes)})`,
    );
  }
  for (const report of reports) {
    for (const kind of ['catalog', 'API page']) {
      const item = report.scripts.find((script) => script.kind === kind);
      if (!item) continue;
      const ok = item.gzipBytes < 30 * 1024;
      lines.push(
        `${report.name} ${kind} JS under 30 KB gzip: ${ok ? 'yes' : 'NO'} (${toSize(item.gzipBytes)})`,
      );
    }
  }
  return lines;
}

const targets: CatalogToBuild[] = [{ name: 'sample', apisDir: 'apis' }];
const corpusApis = await prepareCorpusApis(join(workDir, 'corpus-apis'));
if (corpusApis) {
  targets.push({ name: 'corpus', apisDir: corpusApis });
} else {
  console.log('../shared/corpus is absent: only the sample catalog is built.');
}
const reports: BuildReport[] = [];
for (const target of targets) reports.push(await buildAndMeasure(target));
console.log(`\nPortal build, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}\n`);
console.log(toReportTable(reports));
console.log(`\n${checkGoals(reports).join('\n')}`);
