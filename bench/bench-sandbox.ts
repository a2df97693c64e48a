/**
 * `npm run bench:sandbox`: mocks every document of the corpus (`../shared/corpus`, 122 real
 * OpenAPI documents) in ONE mock server process, as `npm run sandbox` runs it, and prints:
 * - per document: size, operations, time spent preparing it and how (Prism's own preparation,
 *   or the fallback that keeps `$ref`s), and the time from the process's start to its first answer (a request sent as soon as the health report says the
 *   version settled), sorted, with totals;
 * - the process's memory once every document is settled (RSS, V8 heap, peak RSS);
 * - side by side, in the same run, the baseline of one process per document: the RSS of a few
 *   separate processes each mocking ONE document with Prism in-process (what one `prism mock`
 *   per API amounts to), extrapolated to the whole corpus, and the ratio.
 * Goal: all documents in one process under 1.5 GiB of RSS.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem, loadCatalog, writeSnapshot, type Catalog } from '../catalog/index.ts';
import type { VersionHealth } from '../mock-server/health-report.ts';
import { formatTable, toSize } from './lib/portal/format-table.ts';
import { corpusDir, prepareCorpusApis } from './lib/portal/prepare-corpus.ts';
import {
  startMockProcess,
  startOneDocumentProcess,
  type MockProcess,
} from './lib/sandbox/mock-process.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchSandboxCommand } from './lib/bench-commands.ts';

readCommandLine(benchSandboxCommand);

const workDir = '.guichet/bench/sandbox';
const goalBytes = 1.5 * 1024 ** 3;
/** The whole corpus must settle within this, or the bench reports what is left. */
const overallLimitMs = 15 * 60_000;

interface Target {
  key: string;
  apiId: string;
  versionId: string;
  bytes: number;
  operations: number;
  probe: { method: string; path: string };
}

interface FirstAnswer {
  milliseconds: number;
  status: number;
}

/** A request that reaches one operation of the version: a GET if there is one, path filled in. */
function toProbe(catalog: Catalog, apiId: string, versionId: string): Target['probe'] {
  const version = catalog.apis
    .find((api) => api.id === apiId)
    ?.versions.find((item) => item.id === versionId);
  const operations = (version?.operations ?? []).filter((item) => item.kind === 'operation');
  const chosen = operations.find((item) => item.method === 'GET') ?? operations[0];
  if (!chosen) return { method: 'GET', path: '/' };
  return { method: chosen.method, path: chosen.path.replace(/\{[^}]+\}/g, '1') };
}

function listTargets(catalog: Catalog): Target[] {
  return catalog.apis.flatMap((api) =>
    api.versions.map((version) => ({
      key: `${api.id}/${version.id}`,
      apiId: api.id,
      versionId: version.id,
      bytes: Buffer.byteLength(JSON.stringify(version.document)),
      operations: version.operations.filter((item) => item.kind === 'operation').length,
      probe: toProbe(catalog, api.id, version.id),
    })),
  );
}

async function sendProbe(mock: MockProcess, target: Target): Promise<FirstAnswer> {
  const path = `/${target.apiId}/${target.versionId}${target.probe.path}`;
  const response = await fetch(`${mock.url}${encodeURI(path)}`, { method: target.probe.method });
  await response.arrayBuffer();
  return { milliseconds: performance.now() - mock.startedAt, status: response.status };
}

/** Polls the health report; each version that settles gets its first request at once. */
async function watchAll(
  mock: MockProcess,
  targets: readonly Target[],
): Promise<{ health: Map<string, VersionHealth>; answers: Map<string, FirstAnswer> }> {
  const byKey = new Map(targets.map((target) => [target.key, target]));
  const health = new Map<string, VersionHealth>();
  const answers = new Map<string, FirstAnswer>();
  const probes: Promise<void>[] = [];
  const deadline = performance.now() + overallLimitMs;
  while (health.size < targets.length && performance.now() < deadline) {
    const report = await mock.health();
    for (const version of report.versions) {
      const key = `${version.api}/${version.version}`;
      const target = byKey.get(key);
      if (!target || health.has(key) || (version.state !== 'ready' && version.state !== 'failed')) {
        continue;
      }
      health.set(key, version);
      probes.push(
        sendProbe(mock, target).then((answer) => {
          answers.set(key, answer);
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await Promise.all(probes);
  return { health, answers };
}

/** RSS of a process that mocks one document in-process, after answering one request. */
async function measureOne(catalog: Catalog, target: Target): Promise<number> {
  const version = catalog.apis
    .find((api) => api.id === target.apiId)
    ?.versions.find((item) => item.id === target.versionId);
  const file = join(workDir, `single-${target.apiId}.json`);
  await writeFile(file, JSON.stringify(version?.document ?? {}));
  const single = await startOneDocumentProcess(file);
  try {
    const response = await fetch(`${single.url}${encodeURI(target.probe.path)}`, {
      method: target.probe.method,
    });
    await response.arrayBuffer();
    return (await single.memory())?.rss ?? 0;
  } finally {
    await single.stop();
  }
}

const seconds = (milliseconds: number | undefined): string =>
  milliseconds === undefined ? '—' : (milliseconds / 1000).toFixed(2);

async function main(): Promise<void> {
  const apisDir = await prepareCorpusApis(join(workDir, 'apis'));
  if (!apisDir) {
    console.log(`bench:sandbox — the corpus is absent (${corpusDir}): nothing to measure.`);
    return;
  }
  await mkdir(workDir, { recursive: true });
  console.log('Reading the corpus with the catalog…');
  const result = await loadCatalog({ apisDir, audience: 'internal' });
  for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
  const snapshot = join(workDir, 'catalog.json');
  await writeSnapshot(result.catalog, snapshot);
  const targets = listTargets(result.catalog);
  console.log(`${String(targets.length)} API versions; starting one mock server for all of them…`);

  const mock = await startMockProcess(snapshot);
  let watched: Awaited<ReturnType<typeof watchAll>>;
  let memory: { rss: number; peak: number } | undefined;
  let heap: { heapUsed: number; heapTotal: number; rss: number };
  try {
    const listening = performance.now() - mock.startedAt;
    console.log(`  listening after ${seconds(listening)} s; preparing in the background…`);
    watched = await watchAll(mock, targets);
    // Let the idle workers stop before reading the steady-state memory.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    memory = await mock.memory();
    heap = (await mock.health()).memory;
  } finally {
    await mock.stop();
  }

  const rows = targets
    .map((target) => ({
      target,
      health: watched.health.get(target.key),
      answer: watched.answers.get(target.key),
    }))
    .sort(
      (a, b) =>
        (a.answer?.milliseconds ?? Infinity) - (b.answer?.milliseconds ?? Infinity) ||
        a.target.key.localeCompare(b.target.key),
    );
  console.log('');
  console.log(
    formatTable([
      ['API version', 'size', 'ops', 'prepare s', 'via', 'first answer s', 'status'],
      ...rows.map(({ target, health, answer }) => [
        target.key,
        toSize(target.bytes),
        String(target.operations),
        seconds(health?.milliseconds),
        health?.preparation ?? '—',
        seconds(answer?.milliseconds),
        health?.state === 'failed' ? 'failed' : String(answer?.status ?? 'none'),
      ]),
    ]),
  );
  const ready = rows.filter((row) => row.health?.state === 'ready');
  const failed = rows.filter((row) => row.health?.state === 'failed');
  const unsettled = rows.filter((row) => !row.health);
  const answerTimes = ready.map((row) => row.answer?.milliseconds ?? 0).sort((a, b) => a - b);
  const prepareTotal = rows.reduce((sum, row) => sum + (row.health?.milliseconds ?? 0), 0);
  const at = (share: number): number =>
    answerTimes[Math.floor((answerTimes.length - 1) * share)] ?? 0;
  console.log('');
  console.log(
    `Totals: ${String(ready.length)} ready, ${String(failed.length)} failed, ${String(unsettled.length)} unsettled of ${String(rows.length)}; ` +
      `${toSize(targets.reduce((sum, target) => sum + target.bytes, 0))} of documents, ` +
      `${String(targets.reduce((sum, target) => sum + target.operations, 0))} operations`,
  );
  console.log(
    `  preparation: ${seconds(prepareTotal)} s of worker time; first answers: median ${seconds(at(0.5))} s, ` +
      `90% by ${seconds(at(0.9))} s, all ready by ${seconds(answerTimes.at(-1))} s after start`,
  );
  for (const row of failed) {
    console.log(`  failed: ${row.target.key} — its document ${row.health?.reason ?? ''}`);
  }
  for (const row of ready.filter((item) => item.health?.preparation === 'references')) {
    console.log(
      `  prepared keeping $refs: ${row.target.key} — with Prism's own preparation, its document ${row.health?.fallbackReason ?? ''}`,
    );
  }
  const rss = memory?.rss ?? heap.rss;
  console.log(
    `  memory of the one process: RSS ${toSize(rss)}, V8 heap ${toSize(heap.heapUsed)} used of ${toSize(heap.heapTotal)}` +
      (memory ? `, peak RSS ${toSize(memory.peak)} (while preparing)` : ''),
  );

  // Baseline: one process per document, measured on a few and extrapolated.
  const bySize = [...ready].sort((a, b) => a.target.bytes - b.target.bytes);
  const samples = [bySize[0], bySize[Math.floor(bySize.length / 2)], bySize.at(-1)].flatMap(
    (row) => (row ? [row.target] : []),
  );
  console.log('');
  console.log(
    'Baseline: one process mocking one document (smallest, median and largest ready document)…',
  );
  const singles: number[] = [];
  for (const target of samples) {
    const single = await measureOne(result.catalog, target);
    singles.push(single);
    console.log(`  ${target.key} (${toSize(target.bytes)}): RSS ${toSize(single)}`);
  }
  const mean = singles.reduce((sum, value) => sum + value, 0) / Math.max(singles.length, 1);
  const extrapolated = mean * targets.length;
  console.log('');
  console.log(
    formatTable([
      ['', 'RSS', 'ratio'],
      [`one process, ${String(targets.length)} versions`, toSize(rss), '1.00'],
      [
        `${String(targets.length)} processes (mean ${toSize(mean)} each)`,
        toSize(extrapolated),
        (extrapolated / rss).toFixed(2),
      ],
    ]),
  );
  console.log(
    rss < goalBytes
      ? `Goal met: ${toSize(rss)} < 1.5 GB for the whole corpus in one process.`
      : `Goal missed: ${toSize(rss)} ≥ 1.5 GB for the whole corpus in one process.`,
  );
  await mkdir('bench/results', { recursive: true });
  await writeFile(
    'bench/results/bench-sandbox.json',
    `${JSON.stringify(
      {
        rss,
        peakRss: memory?.peak,
        heap,
        baseline: { samples: samples.map((target) => target.key), rss: singles, extrapolated },
        versions: rows.map(({ target, health, answer }) => ({
          key: target.key,
          bytes: target.bytes,
          operations: target.operations,
          state: health?.state ?? 'unsettled',
          prepareMs: health?.milliseconds,
          firstAnswerMs: answer?.milliseconds,
          reason: health?.reason,
        })),
      },
      null,
      2,
    )}\n`,
  );
}

await main();
