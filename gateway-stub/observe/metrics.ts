import type { SubscriptionState } from '../store/key-store.ts';

/** Upper bounds of the latency histogram, in seconds. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const separator = '\u0000';

interface Histogram {
  counts: Float64Array;
  sum: number;
  count: number;
}

/** What the gateway could not write to disk: the faults `/metrics` tells an operator about. */
export interface WriteBacklog {
  /** Access-log lines dropped since start because the disk refused them. */
  droppedLogLines: number;
  /** Calls counted in memory and not yet in the store's usage table. */
  pendingUsageRequests: number;
  /** Writes the store refused since start because its disk was full. */
  storeFullErrors: number;
}

const noBacklog: WriteBacklog = { droppedLogLines: 0, pendingUsageRequests: 0, storeFullErrors: 0 };

/** The gateway's counters, kept in memory and rendered in Prometheus text format. */
export interface Metrics {
  /** Counts one answered request and its latency. `api` is '' for paths naming no API. */
  observeRequest(api: string, version: string, status: number, seconds: number): void;
  /** Counts one refusal for quota. */
  observeQuotaRefusal(api: string, plan: string): void;
  /** Counts one connection refused by the connection limits (`address` or `total`). */
  observeRefusedConnection(reason: string): void;
  /** Prometheus text exposition (format 0.0.4). */
  render(subscriptionsByState: Record<SubscriptionState, number>, backlog?: WriteBacklog): string;
}

/**
 * Creates the counters. Requests are counted in maps nested by API, version and status: the
 * API and version strings come from the route table, so V8 has their hashes cached and a
 * count costs three lookups, with no key string built per request.
 */
export function createMetrics(): Metrics {
  const requests = new Map<string, Map<string, Map<number, number>>>();
  const quotaRefusals = new Map<string, number>();
  const latencies = new Map<string, Histogram>();
  const refusedConnections = new Map<string, number>([
    ['address', 0],
    ['total', 0],
  ]);

  return {
    observeRequest(api, version, status, seconds) {
      let byVersion = requests.get(api);
      if (byVersion === undefined) {
        byVersion = new Map();
        requests.set(api, byVersion);
      }
      let byStatus = byVersion.get(version);
      if (byStatus === undefined) {
        byStatus = new Map();
        byVersion.set(version, byStatus);
      }
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      let histogram = latencies.get(api);
      if (histogram === undefined) {
        histogram = { counts: new Float64Array(latencyBuckets.length), sum: 0, count: 0 };
        latencies.set(api, histogram);
      }
      for (let index = 0; index < latencyBuckets.length; index += 1) {
        if (seconds <= (latencyBuckets[index] ?? 0)) {
          histogram.counts[index] = (histogram.counts[index] ?? 0) + 1;
          break;
        }
      }
      histogram.sum += seconds;
      histogram.count += 1;
    },
    observeRefusedConnection(reason) {
      refusedConnections.set(reason, (refusedConnections.get(reason) ?? 0) + 1);
    },
    observeQuotaRefusal(api, plan) {
      const key = api + separator + plan;
      quotaRefusals.set(key, (quotaRefusals.get(key) ?? 0) + 1);
    },
    render(subscriptionsByState, backlog = noBacklog) {
      const out: string[] = [];
      header(
        out,
        'guichet_gateway_requests_total',
        'counter',
        'Requests answered, by API, version and status.',
      );
      for (const [api, byVersion] of requests) {
        for (const [version, byStatus] of byVersion) {
          for (const [status, value] of byStatus) {
            out.push(
              `guichet_gateway_requests_total${labels({ api, version, status: String(status) })} ${value}`,
            );
          }
        }
      }
      header(
        out,
        'guichet_gateway_request_duration_seconds',
        'histogram',
        'Time from request to last byte sent, by API.',
      );
      for (const [api, histogram] of latencies) renderHistogram(out, api, histogram);
      header(
        out,
        'guichet_gateway_quota_refusals_total',
        'counter',
        'Requests refused with 429 because a key spent its quota, by API and plan.',
      );
      for (const [key, value] of quotaRefusals) {
        const [api = '', plan = ''] = key.split(separator);
        out.push(`guichet_gateway_quota_refusals_total${labels({ api, plan })} ${value}`);
      }
      header(
        out,
        'guichet_gateway_subscriptions',
        'gauge',
        'Subscriptions in the store, by state.',
      );
      for (const [state, value] of Object.entries(subscriptionsByState)) {
        out.push(`guichet_gateway_subscriptions${labels({ state })} ${value}`);
      }
      header(
        out,
        'guichet_gateway_connections_refused_total',
        'counter',
        'Connections refused: past the cap of one client address (429), or of the port in all (dropped).',
      );
      for (const [reason, value] of refusedConnections) {
        out.push(`guichet_gateway_connections_refused_total${labels({ reason })} ${value}`);
      }
      renderBacklog(out, backlog);
      return out.join('\n') + '\n';
    },
  };
}

function renderBacklog(out: string[], backlog: WriteBacklog): void {
  const samples: [string, string, string, number][] = [
    [
      'guichet_gateway_access_log_dropped_lines_total',
      'counter',
      'Access-log lines dropped because the disk refused them (full, read-only).',
      backlog.droppedLogLines,
    ],
    [
      'guichet_gateway_usage_pending_requests',
      'gauge',
      'Calls counted in memory and not yet written to the store (grows while it refuses writes).',
      backlog.pendingUsageRequests,
    ],
    [
      'guichet_gateway_store_full_errors_total',
      'counter',
      'Writes the store refused because the disk holding it was full.',
      backlog.storeFullErrors,
    ],
  ];
  for (const [name, type, help, value] of samples) {
    header(out, name, type, help);
    out.push(`${name} ${value}`);
  }
}

function renderHistogram(out: string[], api: string, histogram: Histogram): void {
  let cumulative = 0;
  latencyBuckets.forEach((bound, index) => {
    cumulative += histogram.counts[index] ?? 0;
    out.push(
      `guichet_gateway_request_duration_seconds_bucket${labels({ api, le: String(bound) })} ${cumulative}`,
    );
  });
  const name = 'guichet_gateway_request_duration_seconds';
  out.push(`${name}_bucket${labels({ api, le: '+Inf' })} ${histogram.count}`);
  out.push(`${name}_sum${labels({ api })} ${histogram.sum}`);
  out.push(`${name}_count${labels({ api })} ${histogram.count}`);
}

function header(out: string[], name: string, type: string, help: string): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
}

/** `{api="x",status="200"}`, with values escaped as the text format requires. */
function labels(values: Record<string, string>): string {
  const parts = Object.entries(values).map(
    ([name, value]) =>
      `${name}="${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`,
  );
  return `{${parts.join(',')}}`;
}
