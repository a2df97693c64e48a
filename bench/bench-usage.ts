/**
 * `npm run bench:usage`: do the usage reports stay fast on a busy sandbox's store? Fills a
 * fresh gateway store (the real migrations, the gateway's own recorder and flush, one flush a
 * simulated day, then the retention pass the gateway runs at start) with `--requests` calls of
 * `--consumers` consumers to `--apis` APIs over `--days` days (`lib/usage/usage-traffic.ts`:
 * sparse, heavy-tailed, working hours), then runs every query the owners' and the consumers'
 * views make (`lib/usage/usage-views.ts`) `--runs` times each and prints its median beside the
 * 200 ms goal, with the store's rows, size and fill time. Not part of `npm test`: it takes
 * minutes; the rollups' logic is tested on small stores instead.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, databaseFileName } from '../gateway-stub/store/open-database.ts';
import { createUsageAggregates } from '../gateway-stub/store/usage-aggregates.ts';
import { readRollupMarks } from '../gateway-stub/store/usage-rollups.ts';
import {
  applyUsageRetention,
  optimizeUsageQueries,
} from '../gateway-stub/store/usage-retention.ts';
import { createUsageReader } from '../gateway-stub/usage/usage-reader.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchUsageCommand } from './lib/bench-commands.ts';
import { median } from './lib/stats.ts';
import { createBenchApis, generateTraffic } from './lib/usage/usage-traffic.ts';
import { listViewQueries } from './lib/usage/usage-views.ts';

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

function main(): number {
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
  const db = openDatabase(dir);
  try {
    const usage = createUsageAggregates(db);
    console.log(
      `bench:usage — ${formatCount(shape.requests)} calls, ${String(shape.apis)} APIs, ${formatCount(shape.consumers)} consumers, ${String(shape.days)} days, into ${join(dir, databaseFileName)}`,
    );
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    let recorded = 0;
    const filled = values.reuse && readRollupMarks(db).hoursUntil > 0;
    if (filled && readRollupMarks(db).hoursUntil !== nowMs / 60_000) {
      throw new Error(`the store in ${dir} was filled another day: fill it again, without --reuse`);
    }
    const apis = filled
      ? createBenchApis(shape)
      : generateTraffic(
          shape,
          (...call) => {
            recorded += 1;
            usage.record(...call);
          },
          (day) => {
            usage.flush((shape.firstMinute + (day + 1) * 1440) * 60_000);
          },
        );
    if (!filled) {
      // What the gateway does at start: the retention, then the planner's statistics.
      applyUsageRetention(db, 90, nowMs);
      optimizeUsageQueries(db, true);
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    }
    const fillSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const rows = db
      .prepare(
        'SELECT grain, resolution, COUNT(*) AS count FROM usage_aggregates GROUP BY grain, resolution',
      )
      .all()
      .map(
        (row) => `${String(row.grain)} ${String(row.resolution)} ${formatCount(Number(row.count))}`,
      );
    const total = db.prepare('SELECT COUNT(*) AS count FROM usage_aggregates').get();
    const size = statSync(join(dir, databaseFileName)).size;
    console.log(
      filled
        ? `reused the store filled before (--reuse): ${formatCount(Number(total?.count))} rows (${rows.join(', ')}); store ${(size / 1_048_576).toFixed(0)} MiB`
        : `filled in ${fillSeconds.toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s): ${formatCount(recorded)} calls recorded; ${formatCount(Number(total?.count))} rows (${rows.join(', ')}); store ${(size / 1_048_576).toFixed(0)} MiB`,
    );

    const top = (sql: string, ...params: string[]): string =>
      String(Object.values(db.prepare(sql).get(...params) ?? {})[0] ?? '');
    const api = top(
      "SELECT api FROM usage_aggregates WHERE grain = 'ops' AND resolution = 'day' GROUP BY api ORDER BY SUM(requests) DESC LIMIT 1",
    );
    const consumer = top(
      "SELECT consumer_id FROM usage_aggregates WHERE grain = 'consumers' AND resolution = 'day' GROUP BY consumer_id ORDER BY SUM(requests) DESC LIMIT 1",
    );
    const operation = top(
      "SELECT operation FROM usage_aggregates WHERE grain = 'ops' AND resolution = 'day' AND api = ? AND operation <> '' GROUP BY operation ORDER BY SUM(requests) DESC LIMIT 1",
      api,
    );
    const consumerApis = db
      .prepare(
        "SELECT DISTINCT api FROM usage_aggregates WHERE consumer_id = ? AND grain = 'consumers' AND resolution = 'day' ORDER BY api",
      )
      .all(consumer)
      .map((row) => String(row.api));
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
      reader: createUsageReader(db),
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
    console.log(
      `load average ${formatLoad()}; each query's median wall time, then its CPU time (the machine is shared: the CPU time is the query's own work, the wall time waits for the cores too)`,
    );
    let missedCpu = 0;
    let missedWall = 0;
    const totals = new Map<string, { wall: number; cpu: number }>();
    for (const query of queries) {
      query.run();
      const walls: number[] = [];
      const cpus: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const cpuBefore = process.cpuUsage();
        const start = performance.now();
        query.run();
        walls.push(performance.now() - start);
        const used = process.cpuUsage(cpuBefore);
        cpus.push((used.user + used.system) / 1000);
      }
      const wall = median(walls);
      const cpuMs = median(cpus);
      if (cpuMs > goalMs) missedCpu += 1;
      if (wall > goalMs) missedWall += 1;
      const total = totals.get(query.view) ?? { wall: 0, cpu: 0 };
      totals.set(query.view, { wall: total.wall + wall, cpu: total.cpu + cpuMs });
      console.log(
        `${query.view.padEnd(30)} ${query.query.padEnd(40)} wall ${wall.toFixed(1).padStart(7)} ms  CPU ${cpuMs.toFixed(1).padStart(7)} ms  (goal ${String(goalMs)} ms) ${cpuMs <= goalMs ? 'met' : 'NOT met'}`,
      );
    }
    console.log('whole reports (the sum of their queries):');
    for (const [view, total] of totals) {
      console.log(
        `${view.padEnd(30)} wall ${total.wall.toFixed(1).padStart(7)} ms  CPU ${total.cpu.toFixed(1).padStart(7)} ms`,
      );
    }
    console.log(
      `${String(queries.length - missedCpu)} of ${String(queries.length)} queries under ${String(goalMs)} ms of CPU, ${String(queries.length - missedWall)} under ${String(goalMs)} ms of wall time; load average ${formatLoad()}`,
    );
    return 0;
  } finally {
    db.close();
    if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();
