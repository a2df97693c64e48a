/**
 * `npm run bench:gateway`: what the gateway costs on the request path. The same load (an
 * undici Pool in its own process) goes
 *   1. straight to a fast upstream (a tiny `node:http` server answering 105 bytes of JSON),
 *   2. through a bare pass-through proxy written here (undici `Pool.stream`, hop-by-hop
 *      headers dropped — the least any correct proxy does),
 *   3. through the gateway with a key, a quota too high to refuse, access log, usage counts
 *      and metrics on,
 * and prints requests/s, p50/p99 latency and the CPU time per request of the proxy process
 * (`process.cpuUsage()` of that process over the measured window, all threads included).
 * The fast upstream is the same for 2 and 3 so the mock server's own cost (Prism) does not
 * hide the difference. Three kinds of load: 32 clients as fast as answers come (saturation),
 * a fixed rate (the same work per second for both proxies), and one request at a time
 * (latency without queueing). A last phase puts guichet's real mock server (Prism) behind
 * all three, for the figures a partner sees. Bare and gateway alternate in short slices and medians are
 * printed, since the machine is shared; each pair gives one CPU ratio.
 *
 * Options: --duration <s> (measured seconds per slice, default 3), --rounds <n> (default 4),
 * --rate <requests/s> (fixed-rate load, default 3000), --profile <dir> (write a CPU profile
 * of each server process there, to see where time goes).
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { loadCatalog, writeSnapshot } from '../catalog/index.ts';
import {
  children,
  formatRow,
  measure,
  median,
  profiling,
  startRole,
  urlOf,
  type Run,
  type Targets,
} from './lib/gateway/measure.ts';
import { nextMessage } from './lib/gateway/messages.ts';
import { upstreamBody } from './lib/gateway/roles.ts';
import type { Slice } from './lib/gateway/run-slice.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchGatewayCommand } from './lib/bench-commands.ts';

async function main(): Promise<void> {
  const { values } = readCommandLine(benchGatewayCommand);
  profiling.dir = values.profile;
  const durationMs = Number(values.duration) * 1000;
  const rounds = Number(values.rounds);
  const rate = Number(values.rate);
  const { catalog, failed } = await loadCatalog({ audience: 'internal' });
  const api = catalog.apis.find((item) =>
    item.versions.some(
      (version) => version.id === item.currentVersionId && version.lifecycle !== 'retired',
    ),
  );
  if (failed || !api) {
    throw new Error('the bench needs apis/ to load without errors and hold one API');
  }
  // A quota far above what the run sends: the gateway counts every request but refuses none.
  api.plans = api.plans.map((plan) =>
    plan.name === 'internal' ? { ...plan, requestsPerMinute: 1_000_000 } : plan,
  );
  const work = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
  const snapshot = join(work, 'catalog.json');
  await writeSnapshot(catalog, snapshot);
  const version = api.versions.find((item) => item.id === api.currentVersionId);
  const prismOperation = version?.operations.find(
    (operation) =>
      operation.kind === 'operation' && operation.method === 'GET' && !operation.path.includes('{'),
  );

  /** One upstream with a bare proxy and a gateway in front of it. */
  const startTargets = async (
    upstream: ChildProcess,
    path: string,
    data: string,
  ): Promise<Targets> => {
    const direct = await urlOf(upstream);
    const bare = startRole('bare', [direct]);
    const gateway = startRole('gateway', [direct, snapshot, join(work, data), api.id]);
    // Listen for every message now: one sent before its listener is added would be lost.
    const [bareUrl, gatewayUrl, key] = await Promise.all([
      urlOf(bare),
      urlOf(gateway),
      nextMessage(gateway, 'key'),
    ]);
    return {
      path,
      direct,
      bare: { url: bareUrl, process: bare },
      gateway: { url: gatewayUrl, process: gateway, key: String(key.key) },
    };
  };
  const fast = await startTargets(
    startRole('upstream'),
    `/${api.id}/${api.currentVersionId}/parcels/AB1234`,
    'fast',
  );
  const prism = prismOperation
    ? await startTargets(
        startRole('mock', [snapshot]),
        `/${api.id}/${api.currentVersionId}${prismOperation.path}`,
        'prism',
      )
    : undefined;
  const load = startRole('load');

  console.log(
    `bench:gateway — fast upstream (node:http, ${String(Buffer.byteLength(upstreamBody))}-byte JSON); API ${api.id}; ${String(rounds)} rounds of ${String(durationMs / 1000)} s slices, bare and gateway alternating; medians`,
  );
  const runs: Record<string, Run[]> = {};
  const phases = [
    { label: 'c=32', targets: fast, concurrency: 32, rate: 0 },
    { label: `${String(rate)}/s`, targets: fast, concurrency: 64, rate },
    { label: 'c=1', targets: fast, concurrency: 1, rate: 0 },
    ...(prism ? [{ label: 'Prism c=8', targets: prism, concurrency: 8, rate: 0 }] : []),
  ];
  const ratios: Record<string, number[]> = {};
  for (const phase of phases) {
    const { targets } = phase;
    if (phase.targets === prism) {
      console.log(`through guichet's mock server (Prism in-process), GET ${targets.path}:`);
    }
    const slice = (url: string, key: string): Slice => ({
      url,
      path: targets.path,
      key,
      concurrency: phase.concurrency,
      rate: phase.rate,
      warmupMs: 500,
      durationMs,
    });
    const record = (name: string, run: Run): Run => {
      (runs[`${name}@${phase.label}`] ??= []).push(run);
      return run;
    };
    for (let round = 0; round < rounds; round += 1) {
      record('direct', await measure(load, slice(targets.direct, '')));
      // Alternate which goes first, so a drift in the machine's load hits both alike.
      const runBare = (): Promise<Run> =>
        measure(load, slice(targets.bare.url, ''), targets.bare.process);
      const runGateway = (): Promise<Run> =>
        measure(load, slice(targets.gateway.url, targets.gateway.key), targets.gateway.process);
      const gatewayFirst = round % 2 === 1;
      const first = gatewayFirst ? await runGateway() : await runBare();
      const second = gatewayFirst ? await runBare() : await runGateway();
      const [bareRun, gatewayRun] = gatewayFirst ? [second, first] : [first, second];
      record('bare proxy', bareRun);
      record('gateway', gatewayRun);
      (ratios[phase.label] ??= []).push(gatewayRun.cpuPerRequest / bareRun.cpuPerRequest);
    }
    for (const name of ['direct', 'bare proxy', 'gateway']) {
      console.log(formatRow(name, phase.label, runs[`${name}@${phase.label}`] ?? []));
    }
  }
  const pick = (name: string, field: 'p50' | 'p99' | 'rps', label: string): number =>
    median((runs[`${name}@${label}`] ?? []).map((run) => run[field]));
  for (const phase of phases.slice(0, 2)) {
    const pairs = ratios[phase.label] ?? [];
    const ratio = median(pairs);
    console.log(
      `gateway/bare CPU per request at ${phase.label}: ${ratio.toFixed(2)}× (pairs: ${pairs.map((value) => value.toFixed(2)).join(' ')}; goal ≤ 1.33) — ${ratio <= 1.33 ? 'met' : 'NOT met'}`,
    );
  }
  console.log(
    `gateway/bare req/s at c=32: ${(pick('gateway', 'rps', 'c=32') / pick('bare proxy', 'rps', 'c=32')).toFixed(2)}×`,
  );
  // The goal is judged one request at a time, where nothing queues; the other loads add
  // their queueing (and the machine's hiccups, at p99) and are shown for information.
  for (const label of ['c=1', `${String(rate)}/s`, ...(prism ? ['Prism c=8'] : [])]) {
    const added50 = pick('gateway', 'p50', label) - pick('bare proxy', 'p50', label);
    const added99 = pick('gateway', 'p99', label) - pick('bare proxy', 'p99', label);
    const verdict =
      label === 'c=1'
        ? ` (goal < 0.3 and < 2) — ${added50 < 0.3 && added99 < 2 ? 'met' : 'NOT met'}`
        : ' (with queueing, for information)';
    console.log(
      `latency added by the gateway at ${label} (gateway − bare): p50 ${added50.toFixed(3)} ms, p99 ${added99.toFixed(3)} ms${verdict}`,
    );
  }

  for (const child of children) child.kill('SIGTERM');
  await Promise.all([...children].map((child) => once(child, 'exit')));
  rmSync(work, { recursive: true, force: true });
}

await main();
