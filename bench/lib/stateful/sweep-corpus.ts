import type { Catalog } from '../../../catalog/index.ts';
import type { MockProcess } from '../sandbox/mock-process.ts';
import { createAnswerValidator, readOperations } from './answer-validator.ts';
import { createThenRead } from './round-trip.ts';

/** What the sweep found for one document. */
export interface DocumentSweep {
  apiId: string;
  versionId: string;
  resources: number;
  passed: number;
  /** `step: reason` of each resource whose round trip failed. */
  failures: { resource: string; step: string; reason: string }[];
  /** Why the version could not be tried at all (its document not prepared). */
  skipped?: string;
}

/** Waits until the mock server has settled every version (ready or failed). */
export async function waitUntilSettled(mock: MockProcess, limitMs: number): Promise<void> {
  const started = performance.now();
  for (;;) {
    const health = await mock.health();
    if (health.loading === 0) return;
    if (performance.now() - started > limitMs) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * For each version with resources, runs an automatic create-then-read round trip on each
 * resource, as a consumer of its own, against the running mock server.
 */
export async function sweepCorpus(catalog: Catalog, mock: MockProcess): Promise<DocumentSweep[]> {
  const health = await mock.health();
  const results: DocumentSweep[] = [];
  let consumer = 0;
  for (const api of catalog.apis) {
    for (const version of api.versions) {
      const sweep: DocumentSweep = {
        apiId: api.id,
        versionId: version.id,
        resources: version.resources.length,
        passed: 0,
        failures: [],
      };
      results.push(sweep);
      if (version.resources.length === 0) continue;
      const state = health.versions.find(
        (item) => item.api === api.id && item.version === version.id,
      );
      if (state?.state !== 'ready') {
        sweep.skipped = `not prepared (${state?.reason ?? state?.state ?? 'unknown'})`;
        continue;
      }
      const operations = readOperations(version.document);
      const setup = {
        baseUrl: `${mock.url}/${api.id}/${version.id}`,
        headers: {},
        resources: version.resources,
        operations,
        validator: createAnswerValidator(operations),
      };
      for (const resource of version.resources) {
        consumer += 1;
        const result = await createThenRead(
          { ...setup, headers: { 'x-guichet-consumer': `con_bench${String(consumer)}` } },
          resource,
        ).catch((error: unknown) => ({
          ok: false as const,
          step: 'bench',
          reason: error instanceof Error ? error.message : String(error),
        }));
        if (result.ok) sweep.passed += 1;
        else
          sweep.failures.push({
            resource: resource.collectionPath,
            step: result.step,
            reason: result.reason,
          });
      }
    }
  }
  return results;
}

/**
 * Groups failures by step and the shape of their reason (identifiers, numbers and quoted
 * values blanked), most frequent first: what the README reports as the main reasons.
 */
export function groupFailures(
  sweeps: readonly DocumentSweep[],
): { reason: string; count: number; documents: number }[] {
  const groups = new Map<string, { count: number; documents: Set<string> }>();
  for (const sweep of sweeps) {
    for (const failure of sweep.failures) {
      const shape = `${failure.step}: ${failure.reason}`
        .replace(/"[^"]*"/g, '"…"')
        .replace(/'[^']*'/g, "'…'")
        .replace(/\d+/g, 'N')
        .slice(0, 110);
      const group = groups.get(shape) ?? { count: 0, documents: new Set<string>() };
      group.count += 1;
      group.documents.add(sweep.apiId);
      groups.set(shape, group);
    }
  }
  return [...groups]
    .map(([reason, group]) => ({ reason, count: group.count, documents: group.documents.size }))
    .sort((a, b) => b.count - a.count);
}
