import type { SubscriptionState } from '../store/key-store.ts';
import { latencyBoundsMs, latencyBucketCount, toLatencyBucket } from './latency-buckets.ts';

const separator = '\u0000';
const statusClassLabels = ['1xx', '2xx', '3xx', '4xx', '5xx'];

/** Per status class: the latency histogram's buckets, sum and count, then the refusals. */
const stride = latencyBucketCount + 3;

/** Counts of one version of one API, per status class (see `stride`). */
type VersionCounts = Float64Array;

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
  /**
   * Counts one answered request and its latency; `refused` when the gateway answered it with a
   * problem rather than the mock server. `api` is '' for paths naming no API.
   */
  observeRequest(
    api: string,
    version: string,
    status: number,
    seconds: number,
    refused: boolean,
  ): void;
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
 * count costs three lookups, with no key string built per request. Labels are only the route
 * table's ids, statuses and status classes: no consumer, no path, so the series stay as few as
 * the catalog's versions whatever the traffic.
 */
export function createMetrics(): Metrics {
  const requests = new Map<string, Map<string, Map<number, number>>>();
  const quotaRefusals = new Map<string, number>();
  const latencies = new Map<string, Map<string, VersionCounts>>();
  const refusedConnections = new Map<string, number>([
    ['address', 0],
    ['total', 0],
  ]);

  return {
    observeRequest(api, version, status, seconds, refused) {
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
      let versions = latencies.get(api);
      if (versions === undefined) {
        versions = new Map();
        latencies.set(api, versions);
      }
      let counts = versions.get(version);
      if (counts === undefined) {
        counts = new Float64Array(statusClassLabels.length * stride);
        versions.set(version, counts);
      }
      const base = (Math.min(Math.max(Math.floor(status / 100), 1), 5) - 1) * stride;
      const bucket = base + toLatencyBucket(seconds * 1000);
      counts[bucket] = (counts[bucket] ?? 0) + 1;
      counts[base + latencyBucketCount] = (counts[base + latencyBucketCount] ?? 0) + seconds;
      counts[base + latencyBucketCount + 1] = (counts[base + latencyBucketCount + 1] ?? 0) + 1;
      if (refused) counts[base + stride - 1] = (counts[base + stride - 1] ?? 0) + 1;
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
        'Time from request to last byte sent, by API, version and status class.',
      );
      for (const [api, versions] of latencies) {
        for (const [version, counts] of versions) renderHistograms(out, api, version, counts);
      }
      header(
        out,
        'guichet_gateway_refusals_total',
        'counter',
        'Requests the gateway refused with a problem (credentials, quota, validation…), by API, version and status class.',
      );
      for (const [api, versions] of latencies) {
        for (const [version, counts] of versions) renderRefusals(out, api, version, counts);
      }
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

function renderHistograms(
  out: string[],
  api: string,
  version: string,
  counts: VersionCounts,
): void {
  const name = 'guichet_gateway_request_duration_seconds';
  statusClassLabels.forEach((statusClass, classIndex) => {
    const base = classIndex * stride;
    const count = counts[base + latencyBucketCount + 1] ?? 0;
    if (count === 0) return;
    const series = { api, version, status_class: statusClass };
    let cumulative = 0;
    latencyBoundsMs.forEach((bound, index) => {
      cumulative += counts[base + index] ?? 0;
      out.push(`${name}_bucket${labels({ ...series, le: String(bound / 1000) })} ${cumulative}`);
    });
    out.push(`${name}_bucket${labels({ ...series, le: '+Inf' })} ${count}`);
    out.push(`${name}_sum${labels(series)} ${counts[base + latencyBucketCount] ?? 0}`);
    out.push(`${name}_count${labels(series)} ${count}`);
  });
}

function renderRefusals(out: string[], api: string, version: string, counts: VersionCounts): void {
  statusClassLabels.forEach((statusClass, classIndex) => {
    const refusals = counts[classIndex * stride + stride - 1] ?? 0;
    if (refusals === 0) return;
    out.push(
      `guichet_gateway_refusals_total${labels({ api, version, status_class: statusClass })} ${refusals}`,
    );
  });
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
