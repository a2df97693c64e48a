import type { Catalog, CatalogResource, SandboxExample } from '../catalog/index.ts';
import { compileStubs, type CompiledStub } from './answer/match-stub.ts';
import type { Preparer, PrepareResult } from './prepare/create-preparer.ts';
import type { PrepareMode } from './prepare/prepare-worker.ts';
import { createPrismMocker, type MockOperation, type PrismMocker } from './prism/prism-engine.ts';
import { createStatefulVersion, type StatefulVersion } from './stateful/stateful-routes.ts';

/** Where a version stands: waiting for a worker, being prepared, answering, or given up. */
export type VersionState = 'queued' | 'loading' | 'ready' | 'failed' | 'retired';

/** One API version of the sandbox and everything needed to answer for it. */
export interface MockVersion {
  apiId: string;
  versionId: string;
  state: VersionState;
  /** Size of the document as JSON, in characters: preparation goes smallest first. */
  size: number;
  /** Why preparation failed, in words fit for the health report. */
  reason?: string;
  /** Time spent preparing in a worker (both attempts when the fallback ran). */
  milliseconds?: number;
  /** How the operations were prepared, once ready. */
  preparation?: PrepareMode;
  /** Why Prism's own preparation gave way to the fallback, when it did. */
  fallbackReason?: string;
  operations: MockOperation[];
  mocker: PrismMocker | undefined;
  stubs: CompiledStub[];
  examples: SandboxExample[];
  /** The resources the catalog found or the owners mapped (kept: a small description). */
  resources: CatalogResource[];
  /** The operations a resource answers, once prepared; `undefined` when none (or turned off). */
  stateful: StatefulVersion | undefined;
  /** Settles when the version is ready or failed. */
  settled: Promise<void> | undefined;
}

/** The sandbox's versions and their preparation. */
export interface MockVersions {
  /** The versions of an API, by id; `undefined` for an unknown API. */
  findApi: (apiId: string) => Map<string, MockVersion> | undefined;
  /** Starts preparing a version now, ahead of the queue; resolves once it is settled. */
  ensure: (version: MockVersion) => Promise<void>;
  /** Queues every version, smallest document first; resolves once all are settled. */
  prepareAll: () => Promise<void>;
  /** Every version, in catalog order. */
  list: () => MockVersion[];
}

/**
 * Builds the registry from the catalog. Documents are kept as JSON text until a worker takes
 * them, then dropped: once prepared, the sandbox holds only Prism's operations.
 */
export function createMockVersions(
  catalog: Catalog,
  preparer: Preparer,
  options: { dynamic: boolean; referenceFallback: boolean; stateful: boolean },
): MockVersions {
  const apis = new Map<string, Map<string, MockVersion>>();
  const texts = new Map<MockVersion, string>();
  for (const api of catalog.apis) {
    const versions = new Map<string, MockVersion>();
    for (const version of api.versions) {
      const text = version.lifecycle === 'retired' ? '' : JSON.stringify(version.document);
      const entry: MockVersion = {
        apiId: api.id,
        versionId: version.id,
        state: version.lifecycle === 'retired' ? 'retired' : 'queued',
        size: text.length,
        operations: [],
        mocker: undefined,
        stubs: compileStubs(api.sandbox?.stubs ?? [], version.id),
        examples: (api.sandbox?.examples ?? []).filter((example) =>
          example.versions.includes(version.id),
        ),
        resources: options.stateful ? version.resources : [],
        stateful: undefined,
        settled: undefined,
      };
      if (entry.state === 'queued') texts.set(entry, text);
      versions.set(version.id, entry);
    }
    apis.set(api.id, versions);
  }

  const settle = (entry: MockVersion, result: PrepareResult, mode: PrepareMode): void => {
    texts.delete(entry);
    entry.milliseconds = (entry.milliseconds ?? 0) + result.milliseconds;
    if (!result.ok) {
      entry.state = 'failed';
      entry.reason = result.reason;
      return;
    }
    entry.operations = result.operations;
    entry.stateful = createStatefulVersion(entry.resources, result.operations);
    entry.mocker = createPrismMocker(options);
    entry.preparation = mode;
    entry.state = 'ready';
  };

  const start = (entry: MockVersion): Promise<void> => {
    if (entry.settled) return entry.settled;
    const key = `${entry.apiId}/${entry.versionId}`;
    const text = (): string => {
      entry.state = 'loading';
      return texts.get(entry) ?? '{}';
    };
    entry.settled = (async () => {
      const first = await preparer.prepare(key, entry.size, text, { mode: 'prism' });
      if (first.ok || !options.referenceFallback) {
        settle(entry, first, 'prism');
        return;
      }
      // Prism's own preparation failed: keep the `$ref`s instead, at once (a request may wait).
      entry.milliseconds = first.milliseconds;
      entry.fallbackReason = first.reason;
      const second = await preparer.prepare(key, entry.size, text, {
        mode: 'references',
        urgent: true,
      });
      settle(entry, second, 'references');
    })();
    return entry.settled;
  };

  const list = (): MockVersion[] =>
    [...apis.values()].flatMap((versions) => [...versions.values()]);

  return {
    findApi: (apiId) => apis.get(apiId),
    ensure(entry) {
      if (entry.state === 'retired') return Promise.resolve();
      const settled = start(entry);
      preparer.hurry(`${entry.apiId}/${entry.versionId}`);
      return settled;
    },
    async prepareAll() {
      const pending = list()
        .filter((entry) => entry.state !== 'retired')
        .sort((a, b) => a.size - b.size)
        .map(start);
      await Promise.all(pending);
    },
    list,
  };
}
