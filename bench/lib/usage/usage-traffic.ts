/**
 * The traffic `npm run bench:usage` records: a deterministic (seeded) sandbox of `apis` APIs
 * and `consumers` consumers over `days` days, exactly `requests` calls in all, as sparse as a
 * real one. Each consumer subscribes to a few APIs (1 to 6), some far busier than others (a
 * heavy tail: the top consumers matter), is active on some days only (weekdays mostly), in one
 * to four sessions a day during working hours, each session a few minutes to an hour of calls;
 * calls mostly reach the current version (a tenth still the deprecated one where there is
 * one), spread over the API's operations by a Zipf law, 93 % answered 2xx, 6 % 4xx (a third of
 * them quota refusals), 1 % 5xx, with latencies from a few to a few hundred milliseconds.
 */
import type { UsageAggregates } from '../../../gateway-stub/store/usage-aggregates.ts';

/** The shape of the sandbox. */
export interface TrafficShape {
  apis: number;
  consumers: number;
  days: number;
  requests: number;
  /** The first minute of the first day (epoch minutes, a day's start). */
  firstMinute: number;
  seed: number;
}

/** One API of the generated catalog. */
export interface BenchApi {
  id: string;
  versions: string[];
  /** The version a tenth of its callers still use, when it has two. */
  deprecated: string | undefined;
  operations: string[];
}

/** What the generator calls for each call, in the order of days: the gateway's own counter. */
export type RecordCall = UsageAggregates['record'];

/** mulberry32: a small, fast, seeded generator; the same seed gives the same sandbox. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Splits `total` into integers proportional to `weights` (largest remainders). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest);
  for (const { index } of order) {
    if (left === 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
    left -= 1;
  }
  return counts;
}

/** The catalog the traffic calls: `api-000`…, a third with a deprecated v1 beside v2. */
export function createBenchApis(shape: TrafficShape): BenchApi[] {
  const random = createRandom(shape.seed);
  return Array.from({ length: shape.apis }, (_, index) => {
    const id = `api-${String(index).padStart(3, '0')}`;
    const twoVersions = index % 3 === 0;
    const operations = Array.from(
      { length: 3 + Math.floor(random() * 10) },
      (_unused, op) => `operation${String(op).padStart(2, '0')}`,
    );
    return {
      id,
      versions: twoVersions ? ['v2', 'v1'] : ['v1'],
      deprecated: twoVersions ? 'v1' : undefined,
      operations,
    };
  });
}

interface Subscription {
  api: BenchApi;
  plan: string;
  weight: number;
}

interface Consumer {
  id: string;
  subscriptions: Subscription[];
  /** Calls per active day, day by day (0 on inactive days). */
  perDay: number[];
}

function createConsumers(shape: TrafficShape, apis: readonly BenchApi[]): Consumer[] {
  const random = createRandom(shape.seed + 1);
  // A heavy tail: Pareto weights, a few consumers make a large share of the calls.
  const weights = Array.from({ length: shape.consumers }, () => 1 / Math.pow(1 - random(), 0.8));
  const totals = apportion(shape.requests, weights);
  return totals.map((total, index) => {
    const count = 1 + Math.min(5, Math.floor(-Math.log(1 - random()) * 1.5));
    const subscriptions: Subscription[] = [];
    while (subscriptions.length < count) {
      // Some APIs are far more popular than others.
      const api = apis[Math.floor(Math.pow(random(), 1.6) * apis.length)];
      if (api === undefined || subscriptions.some((item) => item.api === api)) continue;
      const draw = random();
      const plan = draw < 0.7 ? 'free' : draw < 0.95 ? 'premium' : 'internal';
      subscriptions.push({ api, plan, weight: 0.2 + random() });
    }
    const activity = 0.25 + random() * 0.75;
    const dayWeights = Array.from({ length: shape.days }, (_, day) => {
      const weekday = (Math.floor(shape.firstMinute / 1440) + day + 4) % 7;
      const weekend = weekday === 0 || weekday === 6;
      return random() < (weekend ? activity / 4 : activity) ? 0.5 + random() : 0;
    });
    if (!dayWeights.some((weight) => weight > 0)) dayWeights[0] = 1;
    return {
      id: `con_bench${String(index).padStart(4, '0')}`,
      subscriptions,
      perDay: apportion(total, dayWeights),
    };
  });
}

function pickWeighted<T extends { weight: number }>(items: readonly T[], draw: number): T {
  const sum = items.reduce((total, item) => total + item.weight, 0);
  let rest = draw * sum;
  for (const item of items) {
    rest -= item.weight;
    if (rest <= 0) return item;
  }
  return items[items.length - 1] as T;
}

/**
 * Generates the traffic day by day, calling `record` for each call and `endOfDay` after each
 * day (the bench flushes there). Returns the catalog it called.
 */
export async function generateTraffic(
  shape: TrafficShape,
  record: RecordCall,
  endOfDay: (day: number) => Promise<void>,
): Promise<BenchApi[]> {
  const apis = createBenchApis(shape);
  const consumers = createConsumers(shape, apis);
  const random = createRandom(shape.seed + 2);
  for (let day = 0; day < shape.days; day += 1) {
    const dayStart = shape.firstMinute + day * 1440;
    for (const consumer of consumers) {
      let calls = consumer.perDay[day] ?? 0;
      if (calls === 0) continue;
      const sessions = 1 + Math.floor(random() * Math.min(4, calls));
      for (let session = 0; session < sessions; session += 1) {
        const inSession =
          session === sessions - 1 ? calls : Math.floor(calls / (sessions - session));
        calls -= inSession;
        // Working hours mostly: 7:00 to 19:00 UTC, a tenth of sessions at any hour.
        const startHour =
          random() < 0.9 ? 7 + Math.floor(random() * 12) : Math.floor(random() * 24);
        const length = Math.max(1, Math.min(60, Math.ceil(3 + random() * 57)));
        const start = dayStart + startHour * 60 + Math.floor(random() * 60);
        const end = Math.min(dayStart + 1439, start + length);
        const subscription = pickWeighted(consumer.subscriptions, random());
        const { api } = subscription;
        for (let call = 0; call < inSession; call += 1) {
          const minute = start + Math.floor(random() * (end - start + 1));
          const version =
            api.deprecated !== undefined && random() < 0.1
              ? api.deprecated
              : (api.versions[0] ?? 'v1');
          // Zipf over the operations: the first ones are called most.
          const operation =
            api.operations[Math.floor(Math.pow(random(), 2.2) * api.operations.length)] ?? '';
          const draw = random();
          const status = draw < 0.93 ? 200 : draw < 0.97 ? 404 : draw < 0.99 ? 429 : 503;
          const quotaRefused = status === 429;
          const latencyMs = quotaRefused ? 0.4 : 2 + Math.pow(random(), 3) * 400;
          record(
            minute,
            api.id,
            version,
            quotaRefused ? '' : operation,
            consumer.id,
            subscription.plan,
            status,
            latencyMs,
            quotaRefused,
          );
        }
      }
    }
    await endOfDay(day);
  }
  return apis;
}
