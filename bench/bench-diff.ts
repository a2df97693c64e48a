/**
 * `npm run bench:diff`: what `npm run diff` costs on large real documents. For the largest
 * documents of the corpus (`../shared/corpus`), each in its own process: the time to load it
 * through the catalog, then, side by side, the comparison with an identical copy (the baseline)
 * and with an edited copy (one operation removed, one required parameter added, one operation
 * added), their ratio, the changes found, and the process's peak memory.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatTable, toSize } from './lib/portal/format-table.ts';
import { corpusDir } from './lib/portal/prepare-corpus.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchDiffCommand } from './lib/bench-commands.ts';

readCommandLine(benchDiffCommand);

const run = promisify(execFile);
const count = Number(process.env.BENCH_DIFF_DOCUMENTS ?? 12);

interface Measure {
  loadMs: number;
  identicalMs: number;
  editedMs: number;
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

const rows = [
  [
    'document',
    'dialect',
    'size',
    'ops',
    'load s',
    'same s',
    'edited s',
    'ratio',
    'changes',
    'breaking',
    'peak RSS',
  ],
];
let total = { load: 0, identical: 0, edited: 0 };
for (const document of documents) {
  const child = join(import.meta.dirname, 'lib', 'diff', 'diff-one-document.ts');
  const { stdout } = await run(
    process.execPath,
    ['--max-old-space-size=4096', child, join(corpusDir, document.file)],
    { maxBuffer: 1024 * 1024 },
  );
  const measure = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measure;
  total = {
    load: total.load + measure.loadMs,
    identical: total.identical + measure.identicalMs,
    edited: total.edited + measure.editedMs,
  };
  rows.push([
    document.file,
    document.version,
    toSize(document.bytes),
    String(document.operations),
    (measure.loadMs / 1000).toFixed(2),
    (measure.identicalMs / 1000).toFixed(2),
    (measure.editedMs / 1000).toFixed(2),
    `${(measure.editedMs / Math.max(measure.identicalMs, 0.001)).toFixed(2)}×`,
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
console.log(
  `\n${String(documents.length)} largest documents: load ${(total.load / 1000).toFixed(1)} s, ` +
    `compare identical ${(total.identical / 1000).toFixed(1)} s, compare edited ${(total.edited / 1000).toFixed(1)} s ` +
    `(${(total.edited / Math.max(total.identical, 0.001)).toFixed(2)}× the baseline).`,
);
