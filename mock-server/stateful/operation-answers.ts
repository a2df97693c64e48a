import type { IMediaTypeContent } from '@stoplight/types';
import { readObjectFields, type ObjectFields } from '../../catalog/resources/schema-properties.ts';
import type { MockOperation } from '../prism/prism-engine.ts';

/**
 * What a Prism operation declares for its answers and its request body, read for the stateful
 * layer: the JSON schema of a status and its first example, and the fields of a schema with its
 * `$ref`s followed in the operation's bundle (Prism's fallback preparation keeps them there).
 */

/** One declared answer in JSON. */
export interface JsonAnswer {
  status: number;
  mediaType: string;
  schema: Record<string, unknown> | undefined;
  /** The first example the document gives for it, if any. */
  example: unknown;
}

/** True for `application/json` and the `+json` family; ranges too, answered as JSON. */
export function isJsonType(mediaType: string): boolean {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type === 'application/json' ||
    /^application\/[\w.+-]+\+json$/.test(type) ||
    type === '*/*' ||
    type === 'application/*'
  );
}

function toJsonContent(
  contents: readonly IMediaTypeContent[] | undefined,
): IMediaTypeContent | undefined {
  return contents?.find((content) => isJsonType(content.mediaType));
}

/** The answer the operation declares for `status` in JSON, `undefined` when not in JSON. */
export function findJsonAnswer(operation: MockOperation, status: number): JsonAnswer | undefined {
  const response = operation.responses.find((item) => item.code === String(status));
  const content = toJsonContent(response?.contents);
  if (!content) return undefined;
  const mediaType =
    isJsonType(content.mediaType) && !content.mediaType.includes('*')
      ? content.mediaType
      : 'application/json';
  const example = content.examples?.[0];
  return {
    status,
    mediaType,
    schema: content.schema as Record<string, unknown> | undefined,
    example: example && 'value' in example ? example.value : undefined,
  };
}

/** The operation's first success status (200 first), and whether it carries a body. */
export function findSuccessStatus(operation: MockOperation): number | undefined {
  const codes = operation.responses
    .map((response) => response.code)
    .filter((code) => /^2\d\d$/.test(code))
    .map(Number)
    .sort((a, b) => (a === 200 ? -1 : b === 200 ? 1 : a - b));
  return codes[0];
}

/** True when the operation documents a 404 answer, which a missing object then gets. */
export function declaresStatus(operation: MockOperation, status: number): boolean {
  return operation.responses.some((response) => response.code === String(status));
}

/** The schema of the JSON body an operation reads, for the media type the request sent. */
export function findRequestSchema(
  operation: MockOperation,
  mediaType: string | undefined,
): Record<string, unknown> | undefined {
  const contents = operation.request?.body?.contents ?? [];
  const type = mediaType?.split(';')[0]?.trim().toLowerCase();
  const content =
    contents.find((item) => item.mediaType.toLowerCase() === type) ?? toJsonContent(contents);
  return content?.schema as Record<string, unknown> | undefined;
}

/** Fields already read, by schema: every call of an operation meets the same schemas. */
const fieldsOf = new WeakMap<object, ObjectFields>();

/** The fields of a schema of the operation, `$ref`s followed in its bundle. */
export function readFields(operation: MockOperation, schema: unknown): ObjectFields {
  const cached = typeof schema === 'object' && schema !== null ? fieldsOf.get(schema) : undefined;
  if (cached) return cached;
  const bundle = (operation as { __bundled__?: unknown }).__bundled__;
  const fields = readObjectFields({ __bundled__: bundle }, schema);
  if (typeof schema === 'object' && schema !== null) fieldsOf.set(schema, fields);
  return fields;
}

/** False when the schema closes the object to fields it does not declare. */
export function allowsMoreFields(schema: Record<string, unknown> | undefined): boolean {
  return schema?.additionalProperties !== false && schema?.unevaluatedProperties !== false;
}
