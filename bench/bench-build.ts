/**
 * `npm run bench:build`: builds, one after the other in the same run, the sample catalog
 * (`apis/`), the corpus of real documents (`../shared/corpus`) and the same corpus with the
 * previous commit (from `git archive`, its files beside this checkout), each as its own process,
 * and prints side by side: wall and CPU time, peak memory of the build's process tree, pages,
 * output and search index sizes, the largest page, and per kind of page its gzipped HTML and the
 * JavaScript it loads. Goals: the corpus within 5 minutes and 2 GB, at most a fifth of Zudoku's
 * CPU time on the same documents, every page within the size budget, API pages within 30 KB of JS.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createStaticServer } from '../scripts/lib/portal/create-static-server.ts';
import { measureFolder } from '../scripts/lib/portal/measure-output.ts';
import { formatTable, toSize } from './lib/portal/format-table.ts';
import { findLargestPage, type LargestPage } from './lib/portal/largest-page.ts';
import { measurePageScripts, type PageScripts } from './lib/portal/measure-page-scripts.ts';
import { measureTwins, type TwinSizes } from './lib/portal/measure-twins.ts';
import { pickPages, type PortalFacts } from './lib/portal/pick-pages.ts';
import { prepareBaseline } from './lib/portal/prepare-baseline.ts';
import { prepareCorpusApis } from './lib/portal/prepare-corpus.ts';
import { runMeasured, type MeasuredRun } from './lib/portal/run-measured.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchBuildCommand } from './lib/bench-commands.ts';

const { values } = readCommandLine(benchBuildCommand);

const workDir = resolve('.guichet/bench/build');
const pageKinds = [
  'home',
  'catalog',
  'API page',
  'API page, heaviest',
  'per-tag page',
  'schemas page',
  'reference',
  'guide',
  'search',
];
/** Zudoku's CPU seconds for the 122 corpus documents, measured on this machine (issue 10). */
const zudokuCpuSeconds = 339;
/** Gzipped HTML no page may exceed (site/lib/reference/plan-pages.ts plans for it). */
const pageBudgetBytes = 256 * 1024;

interface CatalogToBuild {
  name: string;
  apisDir: string;
  /** Where the build runs: this checkout, or a baseline commit's files. */
  cwd: string;
}

interface BuildReport {
  name: string;
  run: MeasuredRun;
  facts: PortalFacts;
  dist: { bytes: number; pages: number };
  searchBytes: number;
  largest: LargestPage | undefined;
  scripts: PageScripts[];
  twins: TwinSizes;
}

async function buildAndMeasure(target: CatalogToBuild): Promise<BuildReport> {
  const dir = join(workDir, target.name.replace(/\W+/g, '-'));
  const outDir = join(dir, 'dist');
  console.log(`Building ${target.name} (${target.apisDir})…`);
  const run = await runMeasured(
    process.execPath,
    [
      '--max-old-space-size=4096',
      'scripts/build-portal.ts',
      '--out',
      outDir,
      '--snapshot',
      join(dir, 'catalog.json'),
    ],
    { ...process.env, APIS_DIR: target.apisDir, ASTRO_TELEMETRY_DISABLED: '1' },
    target.cwd,
  );
  if (run.code !== 0) {
    console.error(run.output);
    throw new Error(`the ${target.name} build failed (exit ${String(run.code)})`);
  }
  console.log(`  ${run.output.trim().split('\n').at(-1) ?? ''}`);
  const facts = await pickPages(outDir);
  const dist = await measureFolder(outDir);
  const search = await measureFolder(join(outDir, 'pagefind'));
  const largest = await findLargestPage(outDir);
  const twins = await measureTwins(outDir);
  const server = createStaticServer({ dir: outDir }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  try {
    const scripts = await measurePageScripts(origin, '/', outDir, facts.pages);
    return {
      name: target.name,
      run,
      facts,
      dist,
      searchBytes: search.bytes,
      largest,
      scripts,
      twins,
    };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

function toReportTable(reports: BuildReport[]): string {
  const current = reports.find((report) => report.name === 'corpus');
  const baseline = reports.find((report) => report.name.startsWith('corpus @'));
  const header = ['', ...reports.map((report) => report.name)];
  if (current && baseline) header.push('corpus / baseline');
  const ratio = (pick: (report: BuildReport) => number): string[] => {
    if (!current || !baseline) return [];
    const before = pick(baseline);
    return [before === 0 ? '—' : `${(pick(current) / before).toFixed(2)}×`];
  };
  const row = (
    label: string,
    show: (report: BuildReport) => string,
    value?: (report: BuildReport) => number,
  ): string[] => [
    label,
    ...reports.map(show),
    ...(value ? ratio(value) : current && baseline ? [''] : []),
  ];
  const scriptOf = (report: BuildReport, kind: string): PageScripts | undefined =>
    report.scripts.find((item) => item.kind === kind);
  return formatTable([
    header,
    row('APIs', (report) => String(report.facts.apis)),
    row('versions', (report) => String(report.facts.versions)),
    row('operations', (report) => String(report.facts.operations)),
    row(
      'build time (wall)',
      (report) => `${report.run.seconds.toFixed(1)} s`,
      (report) => report.run.seconds,
    ),
    row(
      'CPU time, build + children',
      (report) => `${report.run.cpuSeconds.toFixed(1)} s`,
      (report) => report.run.cpuSeconds,
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
    row(
      'largest page, gzip',
      (report) => (report.largest ? toSize(report.largest.gzipBytes) : '—'),
      (report) => report.largest?.gzipBytes ?? 0,
    ),
    row('  which', (report) => (report.largest?.path ?? '—').slice(0, 48)),
    row(
      'Markdown twins (.md)',
      (report) => `${String(report.twins.twins)} / ${toSize(report.twins.twinBytes)}`,
      (report) => report.twins.twinBytes,
    ),
    row('  largest twin', (report) => toSize(report.twins.largestTwinBytes)),
    row('llms.txt', (report) => toSize(report.twins.llmsBytes)),
    row(
      'llms-full.txt',
      (report) => toSize(report.twins.llmsFullBytes),
      (report) => report.twins.llmsFullBytes,
    ),
    ...pageKinds.map((kind) =>
      row(`HTML gzip: ${kind}`, (report) => {
        const item = scriptOf(report, kind);
        return item ? toSize(item.htmlGzipBytes) : 'n/a';
      }),
    ),
    ...pageKinds.map((kind) =>
      row(`JS gzip: ${kind}`, (report) => {
        const item = scriptOf(report, kind);
        return item ? `${toSize(item.gzipBytes)} (${String(item.files)} files)` : 'n/a';
      }),
    ),
  ]);
}

function checkGoals(reports: BuildReport[]): string[] {
  const lines: string[] = [];
  const corpus = reports.find((report) => report.name === 'corpus');
  if (corpus) {
    const { seconds, cpuSeconds, peakRssBytes } = corpus.run;
    const yes = (ok: boolean): string => (ok ? 'yes' : 'NO');
    lines.push(`corpus build under 5 minutes: ${yes(seconds < 300)} (${seconds.toFixed(1)} s)`);
    lines.push(
      `corpus build within 2 GB: ${yes(peakRssBytes < 2 * 1024 ** 3)} (peak RSS of the whole tree ${toSize(peakRssBytes)})`,
    );
    lines.push(
      `corpus CPU at most a fifth of Zudoku's ${String(zudokuCpuSeconds)} s: ${yes(cpuSeconds <= zudokuCpuSeconds / 5)} (${cpuSeconds.toFixed(1)} s, ${((cpuSeconds / zudokuCpuSeconds) * 100).toFixed(1)} % of Zudoku's, ${(zudokuCpuSeconds / cpuSeconds).toFixed(1)}× less)`,
    );
  }
  for (const report of reports) {
    if (report.largest) {
      lines.push(
        `${report.name}: every page within ${toSize(pageBudgetBytes)} of gzipped HTML: ${report.largest.gzipBytes <= pageBudgetBytes ? 'yes' : 'NO'} (largest ${toSize(report.largest.gzipBytes)}, ${report.largest.path})`,
      );
    }
    for (const kind of ['catalog', 'API page', 'API page, heaviest', 'per-tag page']) {
      const item = report.scripts.find((script) => script.kind === kind);
      if (!item) continue;
      const ok = item.gzipBytes <= 30 * 1024;
      lines.push(
        `${report.name} ${kind} JS within 30 KB gzip: ${ok ? 'yes' : 'NO'} (${toSize(item.gzipBytes)})`,
      );
    }
  }
  return lines;
}

/** The previous commit: HEAD's parent, or HEAD itself when the checkout has changes. */
function toDefaultBaseline(): string {
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    encoding: 'utf8',
  }).trim();
  return dirty === '' ? 'HEAD~1' : 'HEAD';
}

const targets: CatalogToBuild[] = [{ name: 'sample', apisDir: 'apis', cwd: process.cwd() }];
const corpusApis = await prepareCorpusApis(join(workDir, 'corpus-apis'));
if (corpusApis) {
  targets.push({ name: 'corpus', apisDir: resolve(corpusApis), cwd: process.cwd() });
  if (!values['no-baseline']) {
    const ref = values.baseline ?? toDefaultBaseline();
    const baseline = await prepareBaseline(ref, join(workDir, 'baseline-source'));
    console.log(`Baseline: ${ref} = ${baseline.label}`);
    targets.push({ name: `corpus @ ${ref}`, apisDir: resolve(corpusApis), cwd: baseline.dir });
  }
} else {
  console.log('../shared/corpus is absent: only the sample catalog is built.');
}
const reports: BuildReport[] = [];
for (const target of targets) reports.push(await buildAndMeasure(target));
console.log(`\nPortal build, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}\n`);
console.log(toReportTable(reports));
console.log(`\n${checkGoals(reports).join('\n')}`);
