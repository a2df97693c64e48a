/**
 * `npm run bench:usage`: do the usage reports stay fast on a busy sandbox's store? Fills a
 * fresh gateway store (the real migrations, the gateway's own recorder and flush, one flush a
 * simulated day, then the retention pass the gateway runs at start) with `--requests` calls of
 * `--consumers` consumers to `--apis` APIs over `--days` days (`lib/usage/usage-traffic.ts`:
 * sparse, heavy-tailed, working hours), then runs every query the owners' and the consumers'
 * views make (`lib/usage/usage-views.ts`) `--runs` times each and prints its median beside the
 * 200 ms goal, with the store's rows, size and fill time. On SQLite (the data folder's file,
 * the default) or on PostgreSQL (`--database-url`, an empty database). Not part of `npm test`:
 * it takes minutes; the rollups' logic is tested on small stores instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUsageAggregates } from '../gateway-stub/store/usage-aggregates.ts';
import { toRollupMarks } from '../gateway-stub/store/usage-rollups.ts';
import { readMarksSql } from '../gateway-stub/store/usage-sql.ts';
import { createUsageReader } from '../gateway-stub/usage/usage-reader.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchUsageCommand } from './lib/bench-commands.ts';
import { median } from './lib/stats.ts';
import { openBenchStore, type BenchStore } from './lib/usage/bench-store.ts';
import { createBenchApis, generateTraffic, type BenchApi } from './lib/usage/usage-traffic.ts';
import { listViewQueries, type ViewQuery } from './lib/usage/usage-views.ts';

const goalMs = 200;

function readPositive(value: string | undefined, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a whole number`);
  return number;
}

function formatLoad(): string {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
}

function formatCount(value: number): string {
  return new Intl.NumberFormat('en-GB').format(value);
}

/** The store's rows per grain and resolution, and in all. */
async function describeRows(store: BenchStore): Promise<string> {
  const rows = await store.usage.query(
    'SELECT grain, resolution, COUNT(*) AS count FROM usage_aggregates GROUP BY grain, resolution ORDER BY grain, resolution',
    [],
  );
  const total = rows.reduce((sum, row) => sum + Number(row.count), 0);
  const parts = rows.map(
    (row) => `${String(row.grain)} ${String(row.resolution)} ${formatCount(Number(row.count))}`,
  );
  const size = await store.size();
  return `${formatCount(total)} rows (${parts.join(', ')}); store ${(size / 1_048_576).toFixed(0)} MiB`;
}

/** One query's median times over `runs` runs after a warm-up, in ms. */
async function timeQuery(
  store: BenchStore,
  query: ViewQuery,
  runs: number,
): Promise<{ wall: number; cpu: number; server: number }> {
  await query.run();
  const walls: number[] = [];
  const cpus: number[] = [];
  const servers: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const serverBefore = await store.serverCpuMs();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await query.run();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpuBefore);
    cpus.push((used.user + used.system) / 1000);
    servers.push((await store.serverCpuMs()) - serverBefore);
  }
  return { wall: median(walls), cpu: median(cpus), server: median(servers) };
}

async function main(): Promise<number> {
  const { values } = readCommandLine(benchUsageCommand);
  const shape = {
    apis: readPositive(values.apis, 'apis'),
    consumers: readPositive(values.consumers, 'consumers'),
    days: readPositive(values.days, 'days'),
    requests: readPositive(values.requests, 'requests'),
    seed: 13,
    firstMinute: 0,
  };
  const runs = readPositive(values.runs, 'runs');
  // The simulated days end at today's midnight (UTC): "the last 24 hours" is a whole day.
  const nowMs = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  shape.firstMinute = nowMs / 60_000 - shape.days * 1440;
  const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'guichet-bench-usage-'));
  const store = await openBenchStore(dir, values['database-url']);
  try {
    const usage = createUsageAggregates(store.usage);
    console.log(
      `bench:usage — ${formatCount(shape.requests)} calls, ${String(shape.apis)} APIs, ${formatCount(shape.consumers)} consumers, ${String(shape.days)} days, into ${store.engine} at ${store.location}`,
    );
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const serverStart = await store.serverCpuMs();
    let recorded = 0;
    const marks = toRollupMarks(await store.usage.query(readMarksSql, []));
    const filled = marks.hoursUntil > 0;
    if (filled && !values.reuse) {
      throw new Error(
        `the store at ${store.location} holds usage already: give an empty one, or --reuse it`,
      );
    }
    if (filled && marks.hoursUntil !== nowMs / 60_000) {
      throw new Error(
        `the store at ${store.location} was filled another day: fill it again, without --reuse`,
      );
    }
    let apis: BenchApi[];
    if (filled) {
      apis = createBenchApis(shape);
    } else {
      apis = await generateTraffic(
        shape,
        (...call) => {
          recorded += 1;
          usage.record(...call);
        },
        async (day) => {
          await usage.flush((shape.firstMinute + (day + 1) * 1440) * 60_000);
          // A long fill says how far it is, so a run that will not fit is seen early.
          if ((day + 1) % 10 === 0) {
            console.log(
              `  day ${String(day + 1)} of ${String(shape.days)} after ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${formatLoad()}`,
            );
          }
        },
      );
      // What the gateway does at start: the retention, then the planner's statistics.
      await store.usage.applyRetention(90, nowMs);
      await store.usage.optimizeQueries(true);
      store.settle();
    }
    const fillSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const serverSeconds = ((await store.serverCpuMs()) - serverStart) / 1000;
    const server = store.engine === 'postgres' ? `, server ${serverSeconds.toFixed(1)} s` : '';
    console.log(
      filled
        ? `reused the store filled before (--reuse): ${await describeRows(store)}`
        : `filled in ${fillSeconds.toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s${server}): ${formatCount(recorded)} calls recorded; ${await describeRows(store)}`,
    );

    const api = await store.first(
      "SELECT api FROM usage_aggregates WHERE grain = 'ops' AND resolution = 'day' GROUP BY api ORDER BY SUM(requests) DESC LIMIT 1",
    );
    const consumer = await store.first(
      "SELECT consumer_id FROM usage_aggregates WHERE grain = 'consumers' AND resolution = 'day' GROUP BY consumer_id ORDER BY SUM(requests) DESC LIMIT 1",
    );
    const operation = await store.first(
      "SELECT operation FROM usage_aggregates WHERE grain = 'ops' AND resolution = 'day' AND api = ? AND operation <> '' GROUP BY operation ORDER BY SUM(requests) DESC LIMIT 1",
      api,
    );
    const consumerApis = (
      await store.usage.query(
        "SELECT DISTINCT api FROM usage_aggregates WHERE consumer_id = ? AND grain = 'consumers' AND resolution = 'day' ORDER BY api",
        [consumer],
      )
    ).map((row) => String(row.api));
    const deprecated = apis.flatMap((item) =>
      item.deprecated === undefined
        ? []
        : [
            {
              api: item.id,
              version: item.deprecated,
              deprecatedSince: undefined,
              sunset: undefined,
            },
          ],
    );
    const busiest = apis.find((item) => item.id === api);
    const queries = listViewQueries({
      reader: createUsageReader(store.usage),
      nowMs,
      api,
      version: busiest?.versions[0] ?? 'v1',
      operation,
      consumer,
      consumerApis,
      plan: 'premium',
      deprecated,
    });
    console.log(
      `subjects: busiest API ${api} (operation ${operation}), busiest consumer ${consumer} (${String(consumerApis.length)} APIs); each query ${String(runs)} times after one warm-up, median`,
    );
    const measured =
      store.engine === 'postgres'
        ? "wall time, the bench's own CPU time and the PostgreSQL server's (its backends for this database): the goal is met on wall time, which includes the server's work"
        : 'wall time, then CPU time: the goal is met on CPU time, the query’s own work (the machine is shared: the wall time waits for the cores too)';
    console.log(`load average ${formatLoad()}; each query's median ${measured}`);
    // SQLite works in this process: its CPU time is the query's. PostgreSQL's is in the server.
    const costOf = (time: { wall: number; cpu: number }): number =>
      store.engine === 'postgres' ? time.wall : time.cpu;
    let missed = 0;
    let missedWall = 0;
    const totals = new Map<string, { wall: number; cpu: number; server: number }>();
    for (const query of queries) {
      const time = await timeQuery(store, query, runs);
      if (costOf(time) > goalMs) missed += 1;
      if (time.wall > goalMs) missedWall += 1;
      const total = totals.get(query.view) ?? { wall: 0, cpu: 0, server: 0 };
      totals.set(query.view, {
        wall: total.wall + time.wall,
        cpu: total.cpu + time.cpu,
        server: total.server + time.server,
      });
      const serverTime =
        store.engine === 'postgres' ? `  server ${time.server.toFixed(0).padStart(5)} ms` : '';
      console.log(
        `${query.view.padEnd(30)} ${query.query.padEnd(40)} wall ${time.wall.toFixed(1).padStart(7)} ms  CPU ${time.cpu.toFixed(1).padStart(7)} ms${serverTime}  (goal ${String(goalMs)} ms) ${costOf(time) <= goalMs ? 'met' : 'NOT met'}`,
      );
    }
    console.log('whole reports (the sum of their queries):');
    for (const [view, total] of totals) {
      const serverTime =
        store.engine === 'postgres' ? `  server ${total.server.toFixed(0).padStart(5)} ms` : '';
      console.log(
        `${view.padEnd(30)} wall ${total.wall.toFixed(1).padStart(7)} ms  CPU ${total.cpu.toFixed(1).padStart(7)} ms${serverTime}`,
      );
    }
    const basis = store.engine === 'postgres' ? 'wall time' : 'CPU';
    console.log(
      `${String(queries.length - missed)} of ${String(queries.length)} queries under ${String(goalMs)} ms of ${basis}, ${String(queries.length - missedWall)} under ${String(goalMs)} ms of wall time; load average ${formatLoad()}`,
    );
    return 0;
  } finally {
    await store.close();
    if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
