import { DescriptionRenderError } from '../markdown/render-checked.ts';
import { renderMarkdown, type RenderedMarkdown } from '../markdown/render-markdown.ts';
import { httpMethods, isMapping } from './check-document.ts';
import { resolveLocalRef } from './json-pointer.ts';
import { createAnchorSet, type AnchorSet } from '../reference/to-anchor.ts';
import {
  readDocumentSecurity,
  readOperationSecurity,
  type CatalogSecurity,
} from './operation-security.ts';
import type { StatefulMark } from '../resources/resource-model.ts';

/** One operation (or webhook) as the portal lists it and search indexes it. */
export interface CatalogOperation {
  /** Anchor on the API page (`get-agents-id`), unique within a version, stable while method and path stay; accented letters keep their base letter. */
  anchor: string;
  kind: 'operation' | 'webhook';
  /** Upper-case HTTP method. */
  method: string;
  /** Path template, or the webhook's name. */
  path: string;
  operationId?: string;
  /** The summary, else the operation id, else method and path. */
  summary: string;
  /** Sanitised HTML of the description. */
  descriptionHtml: string;
  tags: string[];
  deprecated: boolean;
  /** What it takes to call it: the operation's `security`, else the document's. */
  security: CatalogSecurity;
  /** Set when the sandbox remembers what this operation does (a resource's create, read…). */
  stateful?: StatefulMark;
}

/** Lists a bundled document's operations and webhooks in document order. */
export function listOperations(document: Record<string, unknown>): CatalogOperation[] {
  const operations: CatalogOperation[] = [];
  const anchors = createAnchorSet();
  const documentSecurity = readDocumentSecurity(document);
  const groups: [CatalogOperation['kind'], unknown][] = [
    ['operation', document.paths],
    ['webhook', document.webhooks],
  ];
  for (const [kind, group] of groups) {
    if (!isMapping(group)) continue;
    for (const [path, rawItem] of Object.entries(group)) {
      const item = resolveLocalRef(document, rawItem);
      if (path.startsWith('x-') || !isMapping(item)) continue;
      for (const method of httpMethods) {
        const operation = resolveLocalRef(document, item[method]);
        if (!isMapping(operation)) continue;
        operations.push(toOperation(kind, method, path, operation, anchors, documentSecurity));
      }
    }
  }
  return operations;
}

function toOperation(
  kind: CatalogOperation['kind'],
  method: string,
  path: string,
  operation: Record<string, unknown>,
  anchors: AnchorSet,
  documentSecurity: CatalogSecurity,
): CatalogOperation {
  const operationId = typeof operation.operationId === 'string' ? operation.operationId : undefined;
  const summary =
    typeof operation.summary === 'string' && operation.summary.trim() !== ''
      ? operation.summary.trim()
      : (operationId ?? `${method.toUpperCase()} ${path}`);
  const description = typeof operation.description === 'string' ? operation.description : undefined;
  return {
    anchor: anchors.take(kind === 'webhook' ? 'webhook-' : '', `${method}-${path}`, 'operation'),
    kind,
    method: method.toUpperCase(),
    path,
    ...(operationId === undefined ? {} : { operationId }),
    summary,
    descriptionHtml: renderDescription(description, [
      kind === 'webhook' ? 'webhooks' : 'paths',
      path,
      method,
      'description',
    ]).html,
    tags: Array.isArray(operation.tags)
      ? operation.tags.filter((tag): tag is string => typeof tag === 'string')
      : [],
    deprecated: operation.deprecated === true,
    security: readOperationSecurity(operation, documentSecurity),
  };
}

/** Renders a description, a failure naming where it stands in the document. */
function renderDescription(description: string | undefined, path: string[]): RenderedMarkdown {
  try {
    return renderMarkdown(description);
  } catch (error) {
    throw new DescriptionRenderError(path, error);
  }
}
