/**
 * `npm run bench:gateway`: what the gateway costs on the request path. The same load (an
 * undici Pool in its own process) goes
 *   1. straight to a fast upstream (a tiny `node:http` server answering 105 bytes of JSON),
 *   2. through a bare pass-through proxy written here (undici `Pool.stream`, hop-by-hop
 *      headers dropped — the least any correct proxy does): the baseline,
 *   3. through the gateway, access log, usage counts and metrics on, with 1,000 real keys
 *      issued through its key service and sent in turn in `X-Api-Key`, each on the `internal`
 *      plan as the catalog defines it; the run stays far below what would spend any quota,
 *   4. through a gateway called with 1,000 access tokens in turn (`Authorization: Bearer`),
 *      one per application, from its own token endpoint: the bearer-token path,
 *   5. through a gateway whose store holds 100,000 keys, all of them sent in turn: a busy
 *      sandbox, whose keys all stay in its bounded cache — every key and token is sent once
 *      before anything is measured (`warm-up.ts`), whose CPU, the cost of first lookups, is
 *      printed on its own,
 *   6. with `--redis-url` (or GUICHET_REDIS_URL), the first gateway again counting its quotas in
 *      that Redis (one Lua script a call), and with `--database-url` (or GUICHET_DATABASE_URL)
 *      with its store on PostgreSQL (a database the bench creates there and drops): the paths
 *      of a sandbox on several hosts, held to 1.3× the local path's CPU and 1 ms of added p99,
 * and prints requests/s, p50/p99 latency and the CPU time per request of the proxy process
 * (`process.cpuUsage()` of that process over the measured window, all threads included).
 * The fast upstream is the same for all so the mock server's own cost (Prism) does not hide
 * the difference. Three kinds of load: 32 clients as fast as answers come (saturation), a
 * fixed rate (the same work per second for all), and one request at a time (latency without
 * queueing). A last phase puts guichet's real mock server (Prism) behind the upstream, bare
 * proxy and gateway, for the figures a partner sees.
 *
 * The machine is shared, so the contenders take turns in short slices, in an order that
 * changes every round (a balanced Latin square, see `alternate.ts`), medians are printed, and
 * each round pairs a gateway's CPU with the bare proxy's. Every answer must be a 200: any other
 * status, or a failed request, voids the run (it says why and exits 1), since it would measure
 * a refusal rather than the path the bench claims to measure.
 *
 * Options: --duration <s> (measured seconds per slice, default 3), --rounds <n> (default 4,
 * rounded up to whole cycles of the order), --rate <requests/s> (fixed-rate load, default
 * 1000), --keys <n> (keys and tokens of the first two gateways, at least 1,000), --big-store
 * <n> (keys of the last one, default 100,000), --profile <dir> (write a CPU profile of each
 * server process there, to see where time goes).
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, writeSnapshot } from '../catalog/index.ts';
import { children, profiling, startRole, type Run } from './lib/gateway/measure.ts';
import { printPhase, printSummary } from './lib/gateway/print-figures.ts';
import { runPhase, VoidRun, type Phase } from './lib/gateway/run-phase.ts';
import { upstreamBody } from './lib/gateway/roles.ts';
import { formatStatuses, type Statuses } from './lib/gateway/statuses.ts';
import { startTargets, type GatewaySetup } from './lib/gateway/targets.ts';
import { printWarmUps, warmUp } from './lib/gateway/warm-up.ts';
import { createBenchDatabase, type BenchDatabase } from './lib/gateway/bench-database.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchGatewayCommand, minimumKeys } from './lib/bench-commands.ts';

async function main(): Promise<number> {
  const { values } = readCommandLine(benchGatewayCommand);
  profiling.dir = values.profile;
  const durationMs = Number(values.duration) * 1000;
  const rounds = Number(values.rounds);
  const rate = Number(values.rate);
  const keyCount = Number(values.keys);
  const bigStore = Number(values['big-store']);
  if (!(keyCount >= minimumKeys)) {
    throw new Error(`--keys must be at least ${String(minimumKeys)}: one key measures a cache`);
  }
  const { catalog, failed } = await loadCatalog({ audience: 'internal' });
  const api = catalog.apis.find((item) =>
    item.versions.some(
      (version) => version.id === item.currentVersionId && version.lifecycle !== 'retired',
    ),
  );
  if (failed || !api) {
    throw new Error('the bench needs apis/ to load without errors and hold one API');
  }
  const quota = api.plans.find((plan) => plan.name === 'internal')?.requestsPerMinute ?? 0;
  const work = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
  const snapshot = join(work, 'catalog.json');
  await writeSnapshot(catalog, snapshot);
  const version = api.versions.find((item) => item.id === api.currentVersionId);
  const prismOperation = version?.operations.find(
    (operation) =>
      operation.kind === 'operation' && operation.method === 'GET' && !operation.path.includes('{'),
  );

  const load = startRole('load');
  const options = { snapshot, workDir: work, api: api.id, load };
  const hot: GatewaySetup = { name: 'gateway', keys: keyCount };
  const tokens: GatewaySetup = { name: 'gateway tokens', keys: keyCount, credential: 'token' };
  const big: GatewaySetup = { name: 'gateway 100k keys', keys: bigStore };
  const redisUrl = values['redis-url'] ?? process.env.GUICHET_REDIS_URL;
  const serverUrl = values['database-url'] ?? process.env.GUICHET_DATABASE_URL;
  const database: BenchDatabase | undefined =
    serverUrl === undefined || serverUrl === '' ? undefined : await createBenchDatabase(serverUrl);
  const shared: GatewaySetup[] = [
    ...(redisUrl === undefined || redisUrl === ''
      ? []
      : [{ name: 'gateway redis', keys: keyCount, redisUrl }]),
    ...(database === undefined
      ? []
      : [{ name: 'gateway postgres', keys: keyCount, databaseUrl: database.url }]),
  ];
  if (shared.length === 0) {
    console.log(
      'bench:gateway: no --redis-url nor --database-url: the Redis-quota and PostgreSQL paths are left out',
    );
  }
  const fast = await startTargets(
    'fast',
    startRole('upstream', [], 'fast-upstream'),
    `/${api.id}/${api.currentVersionId}/parcels/AB1234`,
    [hot, tokens, big, ...shared],
    options,
  );
  const prism = prismOperation
    ? await startTargets(
        'prism',
        startRole('mock', [snapshot], 'prism-mock'),
        `/${api.id}/${api.currentVersionId}${prismOperation.path}`,
        [hot],
        options,
      )
    : undefined;

  console.log(
    `bench:gateway — fast upstream (node:http, ${String(Buffer.byteLength(upstreamBody))}-byte JSON); API ${api.id}; at least ${String(rounds)} rounds of ${String(durationMs / 1000)} s slices, contenders in a new order each round; medians`,
  );
  console.log(
    `keys: gateway ${String(hot.keys)}, in turn, on plan internal (${String(quota)} requests/min each: a key's quota would be spent only above ${String(Math.floor((hot.keys * quota) / 60))} req/s sustained for a minute); gateway tokens ${String(tokens.keys)} access tokens in turn; gateway 100k keys ${String(big.keys)} keys in its store, every one sent in turn`,
  );
  const phases: Phase[] = [
    { label: 'c=32', targets: fast, concurrency: 32, rate: 0 },
    { label: `${String(rate)}/s`, targets: fast, concurrency: 64, rate },
    { label: 'c=1', targets: fast, concurrency: 1, rate: 0 },
    ...(prism ? [{ label: 'Prism c=8', targets: prism, concurrency: 8, rate: 0 }] : []),
  ];
  const totals = new Map<string, Statuses>();
  const results = new Map<string, Map<string, Run[]>>();
  const phaseOptions = { load, rounds, durationMs, warmupMs: 500, expectedStatus: 200, totals };
  let code = 0;
  try {
    printWarmUps('fast upstream', await warmUp(fast, load, totals));
    if (prism) printWarmUps('Prism', await warmUp(prism, load, totals));
    for (const phase of phases) {
      if (phase.targets === prism) {
        console.log(`through guichet's mock server (Prism in-process), GET ${phase.targets.path}:`);
      }
      const runs = await runPhase(phase, phaseOptions);
      results.set(phase.label, runs);
      printPhase(phase.label, runs);
    }
    printSummary(results, rate);
  } catch (error) {
    if (!(error instanceof VoidRun)) throw error;
    console.error(`\nbench:gateway: run VOID — ${error.message}. No figure of this run stands.`);
    code = 1;
  }
  console.log(
    `statuses of every request sent (warm-ups included): ${[...totals]
      .map(([name, statuses]) => `${name} ${formatStatuses(statuses)}`)
      .join('; ')}`,
  );

  for (const child of children) child.kill('SIGTERM');
  await Promise.all([...children].map((child) => once(child, 'exit')));
  await database?.drop();
  rmSync(work, { recursive: true, force: true });
  return code;
}

process.exitCode = await main();
