import type { ServerResponse } from 'node:http';
import type { CatalogResource } from '../../catalog/index.ts';
import type { SendProblem } from '../problems/send-problem.ts';
import type { ResourceStore, Scope } from '../store/resource-store.ts';
import { toStoreRefusal } from './store-refusal.ts';

/** The path, under a version, of a consumer's own data: `GET` tells, `DELETE` resets. */
export const sandboxDataPath = '/_guichet/data';

/** The limits a consumer's data are held to, as the summary states them. */
export interface DataLimits {
  maxObjects: number;
  maxBytes: number;
  idleHours: number;
}

/** One call of `/<api>/<version>/_guichet/data`. */
export interface SandboxDataCall {
  method: string;
  requestId: string;
  /** The consumer the gateway vouched for; `undefined` for a call that did not come through it. */
  consumer: string | undefined;
  apiId: string;
  versionId: string;
  resources: readonly CatalogResource[];
  store: ResourceStore | undefined;
  limits: DataLimits;
  /** The mock server's problem sender, in its default language. */
  sendProblem: SendProblem;
}

/**
 * `GET` answers what the consumer keeps in this API version (objects per resource, bytes, the
 * limits, when it expires); `DELETE` empties it, so the next call starts again from the seeds
 * (204). Only the consumer itself can: the gateway names it from the key.
 */
export async function answerSandboxData(
  call: SandboxDataCall,
  response: ServerResponse,
): Promise<void> {
  const { method, requestId, consumer, store, sendProblem } = call;
  if (method !== 'GET' && method !== 'HEAD' && method !== 'DELETE') {
    sendProblem(
      response,
      'undocumentedMethod',
      {
        en: `${method} ${sandboxDataPath}: this path has DELETE, GET only.`,
        fr: `${method} ${sandboxDataPath} : ce chemin n’a que DELETE, GET.`,
      },
      requestId,
      { headers: { Allow: 'DELETE, GET' } },
    );
    return;
  }
  if (consumer === undefined) {
    sendProblem(
      response,
      'unknownOperation',
      {
        en: `${sandboxDataPath} answers through the gateway only, for the consumer of the key sent.`,
        fr: `${sandboxDataPath} ne répond qu’à travers la passerelle, pour le consommateur de la clé envoyée.`,
      },
      requestId,
    );
    return;
  }
  const scope: Scope = { consumer, api: call.apiId, version: call.versionId };
  try {
    if (method === 'DELETE') {
      if (store) await store.reset(scope);
      response.writeHead(204, { 'Cache-Control': 'no-store' });
      response.end();
      return;
    }
    const summary = store ? await store.summarize(scope) : undefined;
    const idleMs = call.limits.idleHours * 3_600_000;
    const body = JSON.stringify({
      stateful: store !== undefined && call.resources.length > 0,
      resources: call.resources.map((resource) => ({
        name: resource.name,
        collection: resource.collectionPath,
        item: resource.itemPath,
        objects:
          summary?.resources.find((item) => item.resource === resource.collectionPath)?.objects ??
          0,
      })),
      objects: summary?.objects ?? 0,
      bytes: summary?.bytes ?? 0,
      consumer: summary?.consumer ?? { objects: 0, bytes: 0 },
      limits: { objects: call.limits.maxObjects, bytes: call.limits.maxBytes },
      expiresAt:
        summary?.touchedAt === undefined
          ? null
          : new Date(summary.touchedAt + idleMs).toISOString(),
    });
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    response.end(method === 'HEAD' ? undefined : body);
  } catch (error) {
    const refusal = toStoreRefusal(error);
    if (!refusal) throw error;
    sendProblem(response, refusal.name, refusal.detail, requestId);
  }
}
