/**
 * Child process of `npm run bench:diff`: loads ONE corpus document the way `npm run diff` does
 * (through the catalog loader), then, `repeats` times, compares it with an identical copy (the
 * baseline: walking the document costs this much even when nothing changed) and with an edited
 * copy, the two in alternating order (identical first, then edited first: ABBA), and prints one
 * JSON line with the CPU time of each (see `measureComparison`: fresh copies each time). One
 * process per document, so its peak memory is its own. Run it with --expose-gc: a collection
 * before each comparison keeps one from paying for the garbage of the other.
 */
import { copyFile, mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { loadCatalog } from '../../../catalog/index.ts';
import { orderOfRound } from '../alternate.ts';
import { editDocument } from './edit-document.ts';
import { measureComparison, type Comparison } from './measure-comparison.ts';

const [file, repeatsArgument = '4'] = process.argv.slice(2);
if (!file) throw new Error('usage: diff-one-document.ts <document> [repeats]');
const repeats = Number(repeatsArgument);

type Kind = 'identical' | 'edited';

const scratch = await mkdtemp(join(tmpdir(), 'guichet-bench-diff-'));
try {
  await mkdir(join(scratch, 'api'));
  await copyFile(
    file,
    join(scratch, 'api', extname(file) === '.json' ? 'openapi.json' : 'openapi.yaml'),
  );
  const started = process.cpuUsage();
  const { catalog, failed } = await loadCatalog({ apisDir: scratch, audience: 'internal' });
  const loaded = process.cpuUsage(started);
  const document = catalog.apis[0]?.versions[0]?.document;
  if (failed || !document) throw new Error(`${file} does not load`);

  const copies: Record<Kind, Record<string, unknown>> = {
    identical: structuredClone(document),
    edited: editDocument(document),
  };
  const found: Partial<Record<Kind, Comparison['changes']>> = {};
  const rounds = [];
  for (let round = 0; round < repeats; round += 1) {
    const order = orderOfRound<Kind>(['identical', 'edited'], round);
    const cpuMs: Partial<Record<Kind, number>> = {};
    for (const kind of order) {
      const { changes: result, cpuMs: spent } = measureComparison(document, copies[kind]);
      cpuMs[kind] = spent;
      // Every round must find the same changes, or the rounds do not measure the same work.
      const previous = found[kind];
      if (previous && previous.length !== result.length) {
        throw new Error(
          `${file}: the ${kind} comparison found different changes in round ${String(round)}`,
        );
      }
      found[kind] = result;
    }
    rounds.push({ order, identicalCpuMs: cpuMs.identical, editedCpuMs: cpuMs.edited });
  }

  const changes = found.edited ?? [];
  console.log(
    JSON.stringify({
      loadCpuMs: (loaded.user + loaded.system) / 1000,
      rounds,
      unchanged: found.identical?.length ?? 0,
      changes: changes.length,
      breaking: changes.filter((change) => change.breaking).length,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
} finally {
  await rm(scratch, { recursive: true, force: true });
}
