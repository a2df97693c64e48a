import { renderDocumentMarkdown } from '../markdown/render-once.ts';
import type { DocumentFormat } from '../openapi/check-document.ts';
import { isMapping } from '../openapi/check-document.ts';
import { getAt, toPointerKeys } from '../openapi/json-pointer.ts';
import { createAnchorSet } from './to-anchor.ts';

/** A plain object of the document. */
export type Mapping = Record<string, unknown>;

/**
 * Bounds on what one schema tree may hold. Owners' documents are hostile: a schema nested
 * 10,000 deep or a `$ref` graph that doubles at each level must give a page of bounded size,
 * described as cut short, never a stack overflow or an exponential page.
 */
export const schemaLimits = {
  /** Nesting of inline schemas below one root. */
  maxDepth: 24,
  /** Nodes one operation (all its parameters, bodies and responses) or one component may hold. */
  maxNodes: 1500,
  /** `$ref` hops followed to reach a value (a chain of references to references). */
  maxHops: 16,
} as const;

/** What every reader of one document shares: the document, its dialect, caches and budgets. */
export interface ReadContext {
  document: Mapping;
  format: DocumentFormat;
  /** Pointer prefix of component schemas: `/components/schemas/` or `/definitions/`. */
  componentPrefix: string;
  /** Component schema names by anchor-free pointer key, with their section anchors. */
  componentAnchors: Map<string, string>;
  /** Nodes left in the current budget (an operation, or a component). */
  budget: { nodes: number };
  /** Sanitised HTML of an owner's Markdown; the same text is rendered once per document object. */
  toHtml(markdown: unknown): string;
  /** Follows `$ref` chains; `undefined` when one leads nowhere or loops. */
  resolve(value: unknown): unknown;
}

/** Creates the context for one bundled document. */
export function createReadContext(document: Mapping, format: DocumentFormat): ReadContext {
  const componentPrefix = format === 'swagger-2.0' ? '/definitions/' : '/components/schemas/';
  const components =
    format === 'swagger-2.0'
      ? document.definitions
      : isMapping(document.components)
        ? document.components.schemas
        : undefined;
  const anchors = createAnchorSet();
  const componentAnchors = new Map<string, string>();
  if (isMapping(components)) {
    for (const name of Object.keys(components)) {
      componentAnchors.set(name, anchors.take('schema-', name, 'schema'));
    }
  }
  return {
    document,
    format,
    componentPrefix,
    componentAnchors,
    budget: { nodes: schemaLimits.maxNodes },
    toHtml(markdown) {
      if (typeof markdown !== 'string' || markdown.trim() === '') return '';
      return renderDocumentMarkdown(document, markdown);
    },
    resolve(value) {
      let current = value;
      for (let hop = 0; hop < schemaLimits.maxHops; hop += 1) {
        const pointer = toLocalPointer(current);
        if (pointer === undefined) return current;
        current = getAt(document, toPointerKeys(pointer));
      }
      return undefined;
    },
  };
}

/** The JSON pointer of a local `$ref` (`#/components/…` → `/components/…`), if `value` is one. */
export function toLocalPointer(value: unknown): string | undefined {
  if (!isMapping(value) || typeof value.$ref !== 'string') return undefined;
  return value.$ref.startsWith('#') ? value.$ref.slice(1) : undefined;
}

/** The component a pointer names, when it names one whole (`/components/schemas/Pet`). */
export function toComponentName(context: ReadContext, pointer: string): string | undefined {
  if (!pointer.startsWith(context.componentPrefix)) return undefined;
  const keys = toPointerKeys(pointer);
  const depth = toPointerKeys(context.componentPrefix.replace(/\/$/, '')).length;
  if (keys.length !== depth + 1) return undefined;
  const name = keys[depth];
  return name !== undefined && context.componentAnchors.has(name) ? name : undefined;
}

/** Text fields as written, `undefined` otherwise. */
export function readText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export { isMapping };
