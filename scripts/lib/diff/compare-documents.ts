import { upgrade } from '@scalar/openapi-upgrader';
import { apiCompare, type Diff } from 'api-smart-diff';

/** One difference between two versions of a document, as a reviewer reads it. */
export interface DocumentChange {
  /** Breaking for an existing consumer, or not. Annotations (wording, examples) are dropped. */
  breaking: boolean;
  /** What changed, in words. */
  description: string;
  /** The operation it concerns (`GET /declarations/{id}`), when it concerns one. */
  operation?: string;
  /** That operation's `operationId` at the base, the name the sandbox counts usage under. */
  operationId?: string;
  /** JSON path of the change in the compared (OpenAPI 3) document. */
  path: string[];
}

const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Compares two documents with api-smart-diff and keeps what matters to consumers. Swagger 2.0
 * documents are first upgraded to OpenAPI 3.0, since the library compares OpenAPI 3 only.
 */
export function compareDocuments(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): DocumentChange[] {
  const { diffs } = apiCompare(toOpenApi3(before), toOpenApi3(after));
  const changes: DocumentChange[] = [];
  for (const diff of diffs) {
    const path = diff.path.map(String);
    // Shared components are reported where operations use them, under `paths`.
    if (path[0] === 'components') continue;
    if (diff.type === 'annotation' || diff.type === 'deprecated') continue;
    const operation = toOperation(path);
    changes.push({
      breaking: isBreaking(diff, path),
      description: diff.description ?? `${diff.action} ${path.join('.')}`,
      ...(operation === undefined ? {} : { operation }),
      path,
    });
  }
  return changes;
}

/**
 * api-smart-diff's classification, with one correction: a property whose type changes breaks
 * consumers whichever side it is on (it calls a changed response type non-breaking).
 */
function isBreaking(diff: Diff, path: readonly string[]): boolean {
  if (diff.action === 'replace' && path.at(-1) === 'type' && path.includes('schema')) return true;
  return diff.type === 'breaking';
}

function toOperation(path: readonly string[]): string | undefined {
  if (path[0] !== 'paths' || path[1] === undefined) return undefined;
  const method = path[2];
  if (method === undefined || !methods.has(method)) return undefined;
  return `${method.toUpperCase()} ${path[1]}`;
}

function toOpenApi3(document: Record<string, unknown>): Record<string, unknown> {
  if (document.swagger === undefined) return document;
  return upgrade(structuredClone(document), '3.0');
}
