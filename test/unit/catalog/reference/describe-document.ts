import { parse } from 'yaml';
import { listOperations } from '../../../../catalog/openapi/list-operations.ts';
import { describeVersion } from '../../../../catalog/reference/describe-version.ts';
import type {
  InlineSchema,
  OperationDetails,
  SchemaNode,
  VersionReference,
} from '../../../../catalog/reference/reference-model.ts';

/** Describes a document written as YAML, its dialect read from its first field. */
export function describeYaml(text: string): VersionReference {
  return describeObject(parse(text) as Record<string, unknown>);
}

/** Describes a document given as a value (for shapes too deep or large to write as YAML). */
export function describeObject(document: Record<string, unknown>): VersionReference {
  const format =
    document.swagger !== undefined
      ? 'swagger-2.0'
      : String(document.openapi).startsWith('3.1')
        ? 'openapi-3.1'
        : 'openapi-3.0';
  return describeVersion({ document, format, operations: listOperations(document) });
}

/** The operation under `anchor`; throws when there is none, so a test says what it missed. */
export function operationOf(reference: VersionReference, anchor: string): OperationDetails {
  const operation = reference.operations.find((item) => item.anchor === anchor);
  if (!operation) throw new Error(`no operation ${anchor}`);
  return operation;
}

/** The component schema `name`, which must be inline. */
export function componentOf(reference: VersionReference, name: string): InlineSchema {
  return asInline(reference.schemas.find((schema) => schema.name === name)?.schema);
}

/** Narrows a node to an inline schema, failing otherwise. */
export function asInline(node: SchemaNode | undefined): InlineSchema {
  if (node?.kind !== 'schema')
    throw new Error(`expected an inline schema, got ${JSON.stringify(node)}`);
  return node;
}

/** `name: type` of each property, `*` marking required ones, references by their name. */
export function listProperties(node: SchemaNode | undefined): string[] {
  return asInline(node).properties.map(
    (property) =>
      `${property.name}${property.required ? '*' : ''}: ${
        property.schema.kind === 'reference'
          ? `→${property.schema.name}`
          : property.schema.kind === 'cut'
            ? `(${property.schema.reason})`
            : property.schema.types.join('|') || 'any'
      }`,
  );
}
