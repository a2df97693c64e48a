/**
 * Runs in a worker thread: turns one OpenAPI document (as JSON text) into Prism's operations.
 * Prism's preparation is synchronous work that can take seconds to minutes on documents with
 * many shared schemas; in a worker it neither blocks the requests of other APIs nor outlives
 * its time budget (the main thread terminates the worker).
 */
import { parentPort } from 'node:worker_threads';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { dropLiteralReferences } from '../../catalog/openapi/literal-values.ts';
import { visitObjects } from '../../catalog/openapi/visit-objects.ts';
import { boundGeneration } from './bound-generation.ts';
import { dropCallbacks } from './harden-operations.ts';
import { prepareByReference } from './prepare-by-reference.ts';

/**
 * How to prepare: `prism` with Prism's own `getHttpOperationsFromSpec`; `references`, the
 * fallback that keeps `$ref`s (see `prepare-by-reference.ts`).
 */
export type PrepareMode = 'prism' | 'references';

/** A document to prepare. */
export interface PrepareJob {
  id: number;
  text: string;
  mode: PrepareMode;
}

/** The outcome of one job; `reason` completes "its document …" in the 503 problem. */
export type PrepareOutcome =
  | { id: number; ok: true; operations: unknown[]; milliseconds: number }
  | { id: number; ok: false; reason: string; milliseconds: number };

/**
 * Finds a `$ref` that leaves the document. Prism would fetch it (files, or the network with its
 * own user agent); the sandbox never reaches outside, and the catalog already joined every file
 * of a multi-file document.
 */
export function findExternalRef(value: unknown): string | undefined {
  let found: string | undefined;
  visitObjects(value, (object) => {
    const ref = object.$ref;
    if (typeof ref === 'string' && !ref.startsWith('#')) found = ref;
    return found === undefined;
  });
  return found;
}

async function prepare(job: PrepareJob): Promise<PrepareOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const document = JSON.parse(job.text) as Record<string, unknown>;
    // A `$ref` inside an example is the owner's data: dropped, so nothing follows it.
    dropLiteralReferences(document);
    const external = findExternalRef(document);
    if (external !== undefined) {
      return {
        id: job.id,
        ok: false,
        reason: `refers outside the document (${external.slice(0, 80)})`,
        milliseconds: elapsed(),
      };
    }
    const operations =
      job.mode === 'prism'
        ? await getHttpOperationsFromSpec(document)
        : prepareByReference(document);
    dropCallbacks(operations);
    boundGeneration(operations);
    return { id: job.id, ok: true, operations, milliseconds: elapsed() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      id: job.id,
      ok: false,
      reason: `was refused by the mock engine: ${message.split('\n')[0]?.slice(0, 200) ?? ''}`,
      milliseconds: elapsed(),
    };
  }
}

parentPort?.on('message', (job: PrepareJob) => {
  void prepare(job).then((outcome) => {
    try {
      parentPort?.postMessage(outcome);
    } catch {
      // Operations that cannot be copied to the main thread (should not happen with JSON input).
      parentPort?.postMessage({
        id: job.id,
        ok: false,
        reason: 'was prepared, but its operations could not be handed over',
        milliseconds: outcome.milliseconds,
      } satisfies PrepareOutcome);
    }
  });
});

// Prism is loaded by now (static imports): say so, so loading is not counted as a document's CPU.
parentPort?.postMessage({ ready: true });
