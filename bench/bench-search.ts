/**
 * `npm run bench:search`: how well the portal's search lands. Builds the sample catalog and the
 * corpus (when present), serves each on loopback and types queries into its own search page in
 * Chromium, reading back the links the page shows in order. Prints, per kind of query and
 * overall, the share whose expected operation, schema or guide came first (top-1) and among the
 * first three (top-3), the mean reciprocal rank over the first batch of results, and the share
 * first once an operation of another API with the same summary, operationId or path counts too
 * (the query cannot tell them apart); then the misses. Goals (issue 10): on the corpus, for
 * the operations whose summary is unique in their API (a seeded draw of them, `--operations`;
 * `all` for every one), summary searches first in at least 95 % of cases, path searches in at
 * least 98 %, an equivalent elsewhere counting as first.
 */
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { readSnapshot } from '../catalog/index.ts';
import { createStaticServer } from '../scripts/lib/portal/create-static-server.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchSearchCommand } from './lib/bench-commands.ts';
import { formatTable } from './lib/portal/format-table.ts';
import { prepareCorpusApis } from './lib/portal/prepare-corpus.ts';
import { runMeasured } from './lib/portal/run-measured.ts';
import { toCorpusCases } from './lib/search/corpus-cases.ts';
import { locateAnchors } from './lib/search/locate-anchors.ts';
import { toSampleCases } from './lib/search/sample-cases.ts';
import { queryKinds, type SearchCase } from './lib/search/search-cases.ts';
import { searchLikeAPartner, type ShownLink } from './lib/search/search-like-a-partner.ts';
import { findRank, summarizeRanks, type RankSummary } from './lib/search/score-ranks.ts';

const { values } = readCommandLine(benchSearchCommand);
// `all` measures every operation of the population, however long it takes (about 3 s a query).
const operations =
  values.operations === 'all' ? Number.MAX_SAFE_INTEGER : Number(values.operations);
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
if (
  !Number.isInteger(operations) ||
  operations < 1 ||
  !Number.isInteger(seed) ||
  !Number.isInteger(concurrency) ||
  concurrency < 1
) {
  console.error(
    'bench:search: --operations and --concurrency must be positive integers, --seed an integer',
  );
  process.exit(2);
}

const workDir = resolve('.guichet/bench/search');
/** Misses printed per kind of query; the file holds them all. */
const missesShown = 8;

interface Target {
  name: string;
  apisDir: string;
}

interface Outcome {
  name: string;
  note: string;
  summaries: RankSummary[];
}

async function measureTarget(target: Target): Promise<Outcome> {
  const dir = join(workDir, target.name);
  const outDir = join(dir, 'dist');
  const snapshot = join(dir, 'catalog.json');
  if (values['no-build']) {
    console.log(`Searching ${target.name} as last built (${outDir})…`);
  } else {
    console.log(`Building ${target.name} (${target.apisDir})…`);
    const build = await runMeasured(
      process.execPath,
      [
        '--max-old-space-size=4096',
        'scripts/build-portal.ts',
        '--out',
        outDir,
        '--snapshot',
        snapshot,
      ],
      { ...process.env, APIS_DIR: target.apisDir, ASTRO_TELEMETRY_DISABLED: '1' },
    );
    if (build.code !== 0) {
      console.error(build.output);
      throw new Error(`the ${target.name} build failed (exit ${String(build.code)})`);
    }
    console.log(`  ${build.output.trim().split('\n').at(-1) ?? ''}`);
  }
  const catalog = await readSnapshot(snapshot);
  const locator = await locateAnchors(outDir);
  let cases: SearchCase[];
  let note: string;
  if (target.name === 'sample') {
    cases = toSampleCases(catalog, locator);
    note = `${String(cases.length)} fixed queries`;
  } else {
    const corpus = toCorpusCases(catalog, locator, { operations, seed });
    cases = corpus.cases;
    note =
      corpus.drawn === corpus.eligible
        ? `all ${String(corpus.eligible)} operations with a summary of their own, unique in their API (current versions); ${String(cases.length)} queries`
        : `${String(corpus.drawn)} operations drawn (seed ${String(seed)}) of the ${String(corpus.eligible)} with a summary of their own, unique in their API (current versions); ${String(cases.length)} queries`;
  }
  const server = createStaticServer({ dir: outDir }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  let shown: ShownLink[][];
  try {
    console.log(`  searching ${String(cases.length)} queries…`);
    shown = await searchLikeAPartner(
      origin,
      '/',
      cases.map((item) => item.query),
      {
        concurrency,
        onProgress: (done) => {
          if (done % 100 === 0) console.log(`  ${String(done)} / ${String(cases.length)}`);
        },
      },
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
  const ranked = cases.map((item, index) => {
    const links = (shown[index] ?? []).map((link) => link.href);
    return {
      ...item,
      shown: shown[index] ?? [],
      rank: findRank(links, item.expected),
      rankAmongEquivalents: findRank(links, [...item.expected, ...(item.equivalents ?? [])]),
    };
  });
  const order = (kind: string): number => queryKinds.indexOf(kind as (typeof queryKinds)[number]);
  const summaries = summarizeRanks([...ranked].sort((a, b) => order(a.kind) - order(b.kind)));
  const misses = ranked.filter((item) => item.rank !== 1);
  const missLines = misses.map(
    (item) =>
      `[${item.kind}] ${JSON.stringify(item.query)} → want ${item.target} (${item.expected[0] ?? '—'}), rank ${item.rank === undefined ? 'not shown' : String(item.rank)}${item.rankAmongEquivalents === 1 ? ' (an equivalent elsewhere came first)' : item.equivalents?.length ? ` (${String(item.equivalents.length)} equivalents elsewhere)` : ''}; first: ${item.shown[0] ? `${item.shown[0].text} (${item.shown[0].href})` : 'no result'}`,
  );
  await mkdir(dir, { recursive: true });
  const missesFile = join(dir, 'misses.txt');
  await writeFile(missesFile, `${missLines.join('\n')}\n`);
  console.log(
    `\n${target.name}: ${String(misses.length)} queries not first (all in ${missesFile})`,
  );
  for (const kind of queryKinds) {
    const ofKind = missLines.filter((line) => line.startsWith(`[${kind}]`));
    for (const line of ofKind.slice(0, missesShown)) console.log(`  ${line}`);
    if (ofKind.length > missesShown) {
      console.log(`  … and ${String(ofKind.length - missesShown)} more ${kind} misses`);
    }
  }
  return { name: target.name, note, summaries };
}

function toTable(outcome: Outcome): string {
  const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;
  return formatTable([
    ['query kind', 'queries', 'top-1', 'top-3', 'MRR', 'top-1 or an equivalent'],
    ...outcome.summaries.map((summary) => [
      summary.kind,
      String(summary.queries),
      percent(summary.top1),
      percent(summary.top3),
      summary.meanReciprocalRank.toFixed(3),
      percent(summary.top1AmongEquivalents),
    ]),
  ]);
}

const targets: Target[] = [{ name: 'sample', apisDir: 'apis' }];
if (!values['sample-only']) {
  const corpusApis = values['no-build']
    ? join(workDir, 'corpus-apis')
    : await prepareCorpusApis(join(workDir, 'corpus-apis'));
  if (corpusApis) targets.push({ name: 'corpus', apisDir: corpusApis });
  else console.log('The corpus is absent (CORPUS_DIR): only the sample catalog is searched.');
}
const outcomes: Outcome[] = [];
for (const target of targets) outcomes.push(await measureTarget(target));
console.log(
  `\nSearch ranking, ${new Date().toISOString().slice(0, 10)}: queries typed into the portal's search page (Chromium, Pagefind), rank among the links it shows (first batch of results)`,
);
for (const outcome of outcomes) {
  console.log(`\n${outcome.name}: ${outcome.note}\n${toTable(outcome)}`);
}
const corpus = outcomes.find((outcome) => outcome.name === 'corpus');
if (corpus) {
  const find = (kind: string): RankSummary | undefined =>
    corpus.summaries.find((summary) => summary.kind === kind);
  const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;
  // The goal counts an operation of another API that the query names just as exactly (the same
  // summary or path): the query cannot tell them apart, and only one of them can come first.
  const goal = (kind: string, least: number): string => {
    const rates = find(kind);
    const rate = rates?.top1AmongEquivalents ?? 0;
    return `corpus ${kind} searches first (or an equivalent elsewhere) in at least ${String(least * 100)} %: ${rate >= least ? 'yes' : 'NO'} (${percent(rate)}; strictly first ${percent(rates?.top1 ?? 0)})`;
  };
  console.log(`\n${goal('summary', 0.95)}\n${goal('path', 0.98)}`);
}
