import type { CatalogOperation } from '../openapi/list-operations.ts';
import type { DocumentFormat } from '../openapi/check-document.ts';
import type { ComponentSchema, VersionReference } from './reference-model.ts';
import { createReadContext, isMapping, schemaLimits, type ReadContext } from './read-context.ts';
import { readOperation } from './read-operation.ts';
import { readInlineSchema, readSchema } from './read-schema.ts';
import { readSecuritySchemes } from './read-security.ts';
import { readTags } from './read-tags.ts';

/** What `describeVersion` reads: a catalog version, or the parts of one it needs. */
export interface DescribedVersion {
  document: Record<string, unknown>;
  format: DocumentFormat;
  operations: readonly CatalogOperation[];
}

/**
 * The reference of one version, read from its bundled document: every operation's parameters,
 * bodies, responses and security, the component schemas, the security schemes and the tags.
 * The one reader of documents for everything the reference shows; pure, and bounded however
 * hostile the document (see `schemaLimits`).
 */
export function describeVersion(version: DescribedVersion): VersionReference {
  const context = createReadContext(version.document, version.format);
  const used = version.operations.flatMap((operation) => operation.tags);
  return {
    operations: version.operations.map((operation) => readOperation(context, operation)),
    schemas: readComponentSchemas(context),
    securitySchemes: readSecuritySchemes(context),
    tags: readTags(context, used),
  };
}

/** Each component schema read in place (a component is its own root), with its own budget. */
function readComponentSchemas(context: ReadContext): ComponentSchema[] {
  const { document } = context;
  const components =
    context.format === 'swagger-2.0'
      ? document.definitions
      : isMapping(document.components)
        ? document.components.schemas
        : undefined;
  if (!isMapping(components)) return [];
  return Object.entries(components).map(([name, raw]) => {
    context.budget.nodes = schemaLimits.maxNodes;
    const pointer = `${context.componentPrefix}${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    return {
      name,
      anchor: context.componentAnchors.get(name) ?? '',
      // A component that is itself a `$ref` to another reads as that reference.
      schema: readInlineSchemaOrReference(context, raw, pointer),
    };
  });
}

function readInlineSchemaOrReference(
  context: ReadContext,
  raw: unknown,
  pointer: string,
): ComponentSchema['schema'] {
  if (isMapping(raw) && typeof raw.$ref === 'string') return readSchema(context, raw);
  return readInlineSchema(context, raw, { depth: 0, expanding: [pointer] });
}
