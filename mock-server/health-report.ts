import type { MockVersion, VersionState } from './mock-versions.ts';

/** One version in the health report. */
export interface VersionHealth {
  api: string;
  version: string;
  state: VersionState;
  /** Operations Prism mocks, once ready. */
  operations?: number;
  /** Time spent preparing the document, once settled. */
  milliseconds?: number;
  /** Why it cannot be mocked, when failed: what its document did (`needed more than 30 s of CPU…`). */
  reason?: string;
  /** `prism` (Prism's own) or `references` (the fallback that keeps `$ref`s), once ready. */
  preparation?: 'prism' | 'references';
  /** Why Prism's own preparation gave way to the fallback. */
  fallbackReason?: string;
}

/**
 * What `GET /_mock/health` answers: counts first (`loading` includes versions still queued),
 * then every version. The server answers it from the first instant, before any is ready.
 */
export interface HealthReport {
  ready: number;
  loading: number;
  failed: number;
  retired: number;
  /** The process's memory in bytes (`process.memoryUsage()`), for benchmarks and operators. */
  memory: { rss: number; heapTotal: number; heapUsed: number; external: number };
  versions: VersionHealth[];
}

/** Summarises the versions' states. */
export function toHealthReport(versions: readonly MockVersion[]): HealthReport {
  const { rss, heapTotal, heapUsed, external } = process.memoryUsage();
  const report: HealthReport = {
    ready: 0,
    loading: 0,
    failed: 0,
    retired: 0,
    memory: { rss, heapTotal, heapUsed, external },
    versions: [],
  };
  for (const version of versions) {
    if (version.state === 'queued' || version.state === 'loading') report.loading += 1;
    else report[version.state] += 1;
    report.versions.push({
      api: version.apiId,
      version: version.versionId,
      state: version.state,
      ...(version.state === 'ready' ? { operations: version.operations.length } : {}),
      ...(version.milliseconds === undefined ? {} : { milliseconds: version.milliseconds }),
      ...(version.reason === undefined ? {} : { reason: version.reason }),
      ...(version.preparation === undefined ? {} : { preparation: version.preparation }),
      ...(version.fallbackReason === undefined ? {} : { fallbackReason: version.fallbackReason }),
    });
  }
  return report;
}
