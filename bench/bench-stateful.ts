/**
 * `npm run bench:stateful`: what the sandbox remembers, from the documents alone.
 * - Sweeps the corpus (`../shared/corpus`, or `CORPUS_DIR`): per document, the resources the
 *   catalog infers, and whether an automatic create-then-read round trip succeeds on each
 *   (the document's example body, or one drawn from its schema; the answers checked by ajv
 *   against their declared schemas), through one mock server process as the sandbox runs it.
 *   Prints totals (documents, resources, round trips passed) and the main failure reasons.
 * - Measures, side by side in one run, the mock server's CPU per call on the sample APIs: a
 *   stateless call with and without a consumer (the store is not touched: the same cost), and
 *   a stateful read and create against the same operations answered statelessly (goal: at
 *   most 2×).
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem, loadCatalog, writeSnapshot, type Catalog } from '../catalog/index.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchStatefulCommand } from './lib/bench-commands.ts';
import { corpusDir, prepareCorpusApis } from './lib/portal/prepare-corpus.ts';
import { startMockProcess } from './lib/sandbox/mock-process.ts';
import { measureCost, type Contender } from './lib/stateful/measure-cost.ts';
import { groupFailures, sweepCorpus, waitUntilSettled } from './lib/stateful/sweep-corpus.ts';

readCommandLine(benchStatefulCommand);

const workDir = '.guichet/bench/stateful';

async function load(apisDir: string, mocksDir: string): Promise<Catalog> {
  const result = await loadCatalog({
    apisDir,
    mocksDir,
    audience: 'internal',
    brokenApis: 'leave-out',
  });
  if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.catalog;
}

async function sweep(): Promise<void> {
  const apisDir = await prepareCorpusApis(join(workDir, 'corpus-apis'));
  if (!apisDir) {
    console.log(`No corpus at ${corpusDir}: set CORPUS_DIR. Skipping the sweep.`);
    return;
  }
  const catalog = await load(apisDir, join(workDir, 'no-mocks'));
  const documents = catalog.apis.reduce((sum, api) => sum + api.versions.length, 0);
  // Only the documents with resources are mocked: the others have nothing to remember.
  const withResources: Catalog = {
    ...catalog,
    apis: catalog.apis.filter((api) =>
      api.versions.some((version) => version.resources.length > 0),
    ),
  };
  const dataDir = join(workDir, 'sweep');
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const snapshot = join(dataDir, 'catalog.json');
  await writeSnapshot(withResources, snapshot);
  const mock = await startMockProcess(snapshot, {
    MOCK_STATEFUL_MAX_OBJECTS: '1000000',
    MOCK_STATEFUL_MAX_BYTES: String(1024 ** 3),
  });
  try {
    await waitUntilSettled(mock, 15 * 60_000);
    const results = await sweepCorpus(withResources, mock);
    const rows = results.filter((row) => row.resources > 0);
    console.log('\nCorpus sweep: resources inferred, create-then-read round trips passed');
    for (const row of rows.sort((a, b) => b.resources - a.resources)) {
      const note =
        row.skipped ??
        (row.failures[0]
          ? `first failure — ${row.failures[0].step}: ${row.failures[0].reason.slice(0, 80)}`
          : '');
      console.log(
        `  ${`${row.apiId} ${row.versionId}`.padEnd(52)} ${String(row.resources).padStart(4)} ${String(row.passed).padStart(4)}  ${note}`,
      );
    }
    const resources = rows.reduce((sum, row) => sum + row.resources, 0);
    const passed = rows.reduce((sum, row) => sum + row.passed, 0);
    const tried = rows
      .filter((row) => row.skipped === undefined)
      .reduce((sum, row) => sum + row.resources, 0);
    console.log(
      `\nDocuments: ${String(documents)}, with resources: ${String(rows.length)}; resources: ${String(resources)} (${String(tried)} in documents the mock engine prepared); round trips passed: ${String(passed)} (${((100 * passed) / Math.max(1, resources)).toFixed(1)} %)`,
    );
    console.log('\nMain failure reasons (count, documents):');
    for (const group of groupFailures(rows).slice(0, 12)) {
      console.log(
        `  ${String(group.count).padStart(4)} ${String(group.documents).padStart(3)}  ${group.reason}`,
      );
    }
    const skipped = rows.filter((row) => row.skipped !== undefined);
    if (skipped.length > 0) {
      console.log(
        `\nNot prepared by the mock engine: ${skipped.map((row) => `${row.apiId} (${String(row.resources)})`).join(', ')}`,
      );
    }
  } finally {
    await mock.stop();
  }
}

const declaration = (index: number): string =>
  JSON.stringify({
    siren: '412345670',
    formulaire: 'CA3',
    regimeFiscal: 'reel-normal',
    exercice: 2026,
    periode: { debut: '2026-09-01', fin: '2026-09-30' },
    montant: 1 + (index % 1000),
  });

async function measure(): Promise<void> {
  const dataDir = join(workDir, 'cost');
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const snapshot = join(dataDir, 'catalog.json');
  await writeSnapshot(await load('apis', 'mocks'), snapshot);
  const mock = await startMockProcess(snapshot, {
    MOCK_STATEFUL_MAX_OBJECTS: '1000000',
    MOCK_STATEFUL_MAX_BYTES: String(1024 ** 3),
  });
  try {
    await waitUntilSettled(mock, 120_000);
    const base = '/declarations-fiscales/v2';
    const json = { 'content-type': 'application/json' };
    // Consumers take turns, so a consumer's objects stay few, as a partner's would.
    const consumer = (index: number): Record<string, string> => ({
      'x-guichet-consumer': `con_cost${String(index % 500)}`,
    });
    const contenders: Contender[] = [
      {
        name: 'stateless operation, no consumer',
        method: 'GET',
        path: () => `${base}/entreprises/412345670/obligations`,
        headers: () => ({}),
        status: 200,
      },
      {
        name: 'stateless operation, a consumer',
        method: 'GET',
        path: () => `${base}/entreprises/412345670/obligations`,
        headers: consumer,
        status: 200,
      },
      {
        name: 'read, from examples',
        method: 'GET',
        path: () => `${base}/declarations/DF-2026-004217`,
        headers: () => ({}),
        status: 200,
      },
      {
        name: 'read, from the store',
        method: 'GET',
        path: () => `${base}/declarations/DF-2026-004217`,
        headers: consumer,
        status: 200,
      },
      {
        name: 'create, from examples',
        method: 'POST',
        path: () => `${base}/declarations`,
        headers: () => json,
        body: declaration,
        status: 201,
      },
      {
        name: 'create, stored',
        method: 'POST',
        path: () => `${base}/declarations`,
        headers: (index) => ({ ...json, ...consumer(index) }),
        body: declaration,
        status: 201,
      },
    ];
    const costs = await measureCost(mock.url, mock.pid, contenders, {
      rounds: 4,
      requests: 2000,
      concurrency: 8,
    });
    console.log('\nMock server CPU per call (median of rounds, µs), declarations-fiscales v2:');
    for (const contender of contenders) {
      const cost = costs.get(contender.name);
      console.log(
        `  ${contender.name.padEnd(36)} ${(cost?.median ?? Number.NaN).toFixed(0).padStart(6)}   rounds: ${(cost?.runs ?? []).map((run) => run.toFixed(0)).join(' ')}`,
      );
    }
    const ratio = (a: string, b: string): string =>
      ((costs.get(a)?.median ?? Number.NaN) / (costs.get(b)?.median ?? Number.NaN)).toFixed(2);
    console.log(
      `\n  stateless with a consumer / without: ${ratio('stateless operation, a consumer', 'stateless operation, no consumer')}× (goal: 1, the store untouched)`,
    );
    console.log(
      `  read from the store / from examples: ${ratio('read, from the store', 'read, from examples')}× (goal: at most 2)`,
    );
    console.log(
      `  create stored / from examples: ${ratio('create, stored', 'create, from examples')}× (goal: at most 2)`,
    );
  } finally {
    await mock.stop();
  }
}

await measure();
if (process.env.BENCH_STATEFUL_COST_ONLY !== '1') await sweep();
