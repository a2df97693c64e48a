/**
 * `npm run bench:diff`: what `npm run diff` costs on large real documents. For the largest
 * documents of the corpus (`../shared/corpus`, or `CORPUS_DIR`), each in its own process: the
 * CPU time to load it through the catalog, then, side by side in the same process, the
 * comparison with an identical copy (the baseline) and with an edited copy (one operation
 * removed, one required parameter added, one operation added), repeated and alternated (ABBA:
 * identical first in even rounds, edited first in odd ones), the medians of their CPU times
 * with the ratio of each round's pair, the changes found, and the process's peak memory.
 *
 * Settings: BENCH_DIFF_DOCUMENTS (how many documents, default 12), BENCH_DIFF_REPEATS (rounds
 * per document, default 4, at least 3).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatTable, toSize } from './lib/portal/format-table.ts';
import { corpusDir } from './lib/portal/prepare-corpus.ts';
import { formatSpread, median, pairRatios } from './lib/stats.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchDiffCommand } from './lib/bench-commands.ts';

readCommandLine(benchDiffCommand);

const run = promisify(execFile);
const count = Number(process.env.BENCH_DIFF_DOCUMENTS ?? 12);
const repeats = Number(process.env.BENCH_DIFF_REPEATS ?? 4);
if (!Number.isInteger(repeats) || repeats < 3) {
  console.error(
    `BENCH_DIFF_REPEATS must be a whole number of at least 3 (got "${String(repeats)}").`,
  );
  process.exit(2);
}

interface Round {
  order: string[];
  identicalCpuMs: number;
  editedCpuMs: number;
}

interface Measure {
  loadCpuMs: number;
  rounds: Round[];
  unchanged: number;
  changes: number;
  breaking: number;
  peakRssBytes: number;
}

let index: string;
try {
  index = await readFile(join(corpusDir, 'INDEX.tsv'), 'utf8');
} catch {
  console.log(
    `bench:diff needs the corpus at ${corpusDir}; it is absent, so nothing was measured.`,
  );
  process.exit(0);
}

const documents = index
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .map((cells) => ({
    file: cells[0] ?? '',
    version: cells[4] ?? '',
    bytes: Number(cells[5]),
    operations: Number(cells[6]),
  }))
  .sort((a, b) => b.bytes - a.bytes)
  .slice(0, count);

console.log(
  `bench:diff — ${String(documents.length)} largest documents of ${corpusDir}, ${String(repeats)} rounds each, identical and edited comparisons alternating (ABBA); CPU seconds, medians, paired ratios (min–max)\n`,
);
const rows = [
  [
    'document',
    'dialect',
    'size',
    'ops',
    'load CPU s',
    'same CPU s',
    'edited CPU s',
    'edited/same',
    'changes',
    'breaking',
    'peak RSS',
  ],
];
const seconds = (ms: number): string => (ms / 1000).toFixed(2);
// Per round, the sums over all documents: round r of every document is the same position in
// the ABBA order, so the sums pair as the rounds do.
const totals = Array.from({ length: repeats }, () => ({ identical: 0, edited: 0 }));
let loadCpuMs = 0;
for (const document of documents) {
  const child = join(import.meta.dirname, 'lib', 'diff', 'diff-one-document.ts');
  const { stdout } = await run(
    process.execPath,
    [
      '--max-old-space-size=4096',
      '--expose-gc',
      child,
      join(corpusDir, document.file),
      String(repeats),
    ],
    { maxBuffer: 1024 * 1024 },
  );
  const measure = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measure;
  const identical = measure.rounds.map((round) => round.identicalCpuMs);
  const edited = measure.rounds.map((round) => round.editedCpuMs);
  measure.rounds.forEach((round, at) => {
    const total = totals[at];
    if (!total) return;
    total.identical += round.identicalCpuMs;
    total.edited += round.editedCpuMs;
  });
  loadCpuMs += measure.loadCpuMs;
  rows.push([
    document.file,
    document.version,
    toSize(document.bytes),
    String(document.operations),
    seconds(measure.loadCpuMs),
    seconds(median(identical)),
    seconds(median(edited)),
    `${formatSpread(pairRatios(edited, identical), 2)}×`,
    String(measure.changes),
    String(measure.breaking),
    toSize(measure.peakRssBytes),
  ]);
  if (measure.unchanged !== 0)
    console.warn(
      `${document.file}: ${String(measure.unchanged)} change(s) against an identical copy`,
    );
}
console.log(formatTable(rows));
const identicalTotals = totals.map((total) => total.identical);
const editedTotals = totals.map((total) => total.edited);
console.log(
  `\n${String(documents.length)} largest documents, CPU seconds: load ${seconds(loadCpuMs)}; ` +
    `per round, compare identical ${formatSpread(
      identicalTotals.map((ms) => ms / 1000),
      1,
    )}, ` +
    `compare edited ${formatSpread(
      editedTotals.map((ms) => ms / 1000),
      1,
    )}; ` +
    `edited/identical ${formatSpread(pairRatios(editedTotals, identicalTotals), 2)}× over ${String(repeats)} paired rounds.`,
);
