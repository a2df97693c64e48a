import { closest } from '../describe-issue.ts';
import type { CatalogOperation, CatalogVersion } from '../model.ts';
import { isMapping } from './check-document.ts';
import { resolveLocalRef } from './json-pointer.ts';
import { findPathTemplate, isTemplatedPath } from './path-template.ts';

/**
 * Finding a version's operations the ways owners name them in sandbox stubs (`operationId`,
 * `METHOD /template`, a concrete path), and reading what the document declares for them.
 */

/** An operation named by `operationId` or by `METHOD /template`. */
export function findOperationByReference(
  version: CatalogVersion,
  reference: string,
): CatalogOperation | undefined {
  const byRoute = /^([A-Za-z]+)\s+(\/\S*)$/.exec(reference.trim());
  return operationsOf(version).find((operation) =>
    byRoute
      ? operation.method === byRoute[1]?.toUpperCase() && operation.path === byRoute[2]
      : operation.operationId === reference,
  );
}

/** The operation a request would reach: a template matched as written, a path as routers do. */
export function findOperationByRequest(
  version: CatalogVersion,
  method: string,
  path: string,
): CatalogOperation | undefined {
  const candidates = operationsOf(version).filter((operation) => operation.method === method);
  if (isTemplatedPath(path)) return candidates.find((operation) => operation.path === path);
  return findPathTemplate(candidates, path);
}

/** The version's operations, webhooks left out: stubs answer requests. */
export function operationsOf(version: CatalogVersion): CatalogOperation[] {
  return version.operations.filter((operation) => operation.kind === 'operation');
}

/** A hint for a name that matches no operation: the nearest name, else a few that exist. */
export function suggestOperations(version: CatalogVersion | undefined, wanted: string): string {
  if (!version) return 'check the API folder';
  const names = operationsOf(version).flatMap((operation) => [
    `${operation.method} ${operation.path}`,
    ...(operation.operationId === undefined ? [] : [operation.operationId]),
  ]);
  const guess = closest(wanted, names);
  if (guess) return `did you mean "${guess}"?`;
  const listed = operationsOf(version)
    .slice(0, 6)
    .map((operation) => operation.operationId ?? `${operation.method} ${operation.path}`);
  return `operations of ${version.id}: ${listed.join(', ')}${operationsOf(version).length > 6 ? ', …' : ''}`;
}

/** The responses mapping of an operation in the version's bundled document. */
export function responsesOf(
  version: CatalogVersion,
  operation: CatalogOperation,
): Record<string, unknown> {
  const { document } = version;
  const item = resolveLocalRef(
    document,
    (document.paths as Record<string, unknown> | undefined)?.[operation.path],
  );
  const raw = isMapping(item)
    ? resolveLocalRef(document, item[operation.method.toLowerCase()])
    : undefined;
  const responses = isMapping(raw) ? resolveLocalRef(document, raw.responses) : undefined;
  return isMapping(responses) ? responses : {};
}

/** The response key that covers a status: exact, then its range (`4XX`), then `default`. */
export function findResponseKey(
  responses: Record<string, unknown>,
  status: number,
): string | undefined {
  const keys = Object.keys(responses);
  const range = `${String(status).charAt(0)}xx`;
  return (
    keys.find((key) => key === String(status)) ??
    keys.find((key) => key.toLowerCase() === range) ??
    keys.find((key) => key === 'default')
  );
}

/** Names of the document's examples for one status (OpenAPI 3 `examples`, Swagger 2 media types). */
export function listDocumentExamples(
  version: CatalogVersion,
  operation: CatalogOperation,
  status: number,
): string[] {
  const { document } = version;
  const responses = responsesOf(version, operation);
  const key = findResponseKey(responses, status);
  const response = key === undefined ? undefined : resolveLocalRef(document, responses[key]);
  if (!isMapping(response)) return [];
  if (isMapping(response.examples)) return Object.keys(response.examples);
  if (!isMapping(response.content)) return [];
  return Object.values(response.content).flatMap((media) =>
    isMapping(media) && isMapping(media.examples) ? Object.keys(media.examples) : [],
  );
}
