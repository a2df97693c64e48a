import { httpMethods, isMapping } from '../openapi/check-document.ts';
import { resolveLocalRef } from '../openapi/json-pointer.ts';

/**
 * Reading what resource inference needs from one operation of a bundled document (OpenAPI 3.x
 * or Swagger 2.0, local `$ref`s kept): its parameters, request media types, the schema and
 * examples of its successful answer. Pure functions; nothing here throws on odd content.
 */

/** One operation of a document, its parameters merged (the operation's win over the path's). */
export interface OperationView {
  /** Upper-case method. */
  method: string;
  path: string;
  operation: Record<string, unknown>;
  parameters: Record<string, unknown>[];
}

/** `$ref` chains longer than this are broken documents, not indirection. */
const refHops = 16;

/** Follows local `$ref`s until a value that is not one (or `undefined` when one points nowhere). */
export function resolveValue(document: unknown, value: unknown): unknown {
  let current = value;
  for (let hop = 0; hop < refHops; hop += 1) {
    if (!isMapping(current) || typeof current.$ref !== 'string') return current;
    current = resolveLocalRef(document, current);
  }
  return undefined;
}

/** The path items of a document that are mappings, in document order (`x-` keys left out). */
export function listPathItems(
  document: Record<string, unknown>,
): { path: string; item: Record<string, unknown> }[] {
  const paths = resolveValue(document, document.paths);
  if (!isMapping(paths)) return [];
  return Object.entries(paths).flatMap(([path, raw]) => {
    const item = resolveValue(document, raw);
    return path.startsWith('/') && isMapping(item) ? [{ path, item }] : [];
  });
}

/** Upper-case methods a path item declares. */
export function listMethods(document: unknown, item: Record<string, unknown>): string[] {
  return httpMethods
    .filter((method) => isMapping(resolveValue(document, item[method])))
    .map((method) => method.toUpperCase());
}

/** One operation with its parameters, or `undefined` when the path has no such method. */
export function readOperation(
  document: Record<string, unknown>,
  item: Record<string, unknown>,
  path: string,
  method: string,
): OperationView | undefined {
  const operation = resolveValue(document, item[method.toLowerCase()]);
  if (!isMapping(operation)) return undefined;
  const merged = new Map<string, Record<string, unknown>>();
  for (const list of [item.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = resolveValue(document, raw);
      if (!isMapping(parameter) || typeof parameter.name !== 'string') continue;
      merged.set(`${String(parameter.in)} ${parameter.name}`, parameter);
    }
  }
  return { method: method.toUpperCase(), path, operation, parameters: [...merged.values()] };
}

/** Parameters of one location (`path`, `query`) of an operation. */
export function parametersIn(view: OperationView, location: string): Record<string, unknown>[] {
  return view.parameters.filter((parameter) => parameter.in === location);
}

/** The schema of a parameter: OpenAPI 3's `schema`, or Swagger 2's fields on the parameter. */
export function parameterSchema(
  document: unknown,
  parameter: Record<string, unknown>,
): Record<string, unknown> {
  const schema = resolveValue(document, parameter.schema);
  if (isMapping(schema)) return schema;
  const { type, format, pattern, minimum, maximum, minLength, maxLength, enum: values } = parameter;
  return Object.fromEntries(
    Object.entries({
      type,
      format,
      pattern,
      minimum,
      maximum,
      minLength,
      maxLength,
      enum: values,
    }).filter(([, value]) => value !== undefined),
  );
}

/** True for JSON media types (`application/json`, `…+json`) and the ranges that cover them. */
export function isJsonMedia(mediaType: string): boolean {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type === 'application/json' ||
    /^application\/[\w.+-]+\+json$/.test(type) ||
    type === '*/*' ||
    type === 'application/*'
  );
}

/** Media types the operation reads its body in (OpenAPI 3 `requestBody`, Swagger 2 `consumes`). */
export function listRequestMediaTypes(
  document: Record<string, unknown>,
  view: OperationView,
): string[] {
  const body = resolveValue(document, view.operation.requestBody);
  if (isMapping(body)) {
    const content = resolveValue(document, body.content);
    return isMapping(content) ? Object.keys(content) : [];
  }
  if (!view.parameters.some((parameter) => parameter.in === 'body')) return [];
  const consumes = view.operation.consumes ?? document.consumes;
  return Array.isArray(consumes)
    ? consumes.filter((item): item is string => typeof item === 'string')
    : ['application/json'];
}

/** The schema of the body an operation reads as JSON, when it declares one. */
export function readRequestSchema(
  document: Record<string, unknown>,
  view: OperationView,
): Record<string, unknown> | undefined {
  const body = resolveValue(document, view.operation.requestBody);
  if (isMapping(body)) {
    const content = resolveValue(document, body.content);
    if (!isMapping(content)) return undefined;
    const media = Object.entries(content).find(([type]) => isJsonMedia(type))?.[1];
    const schema = isMapping(media) ? resolveValue(document, media.schema) : undefined;
    return isMapping(schema) ? schema : undefined;
  }
  const parameter = view.parameters.find((item) => item.in === 'body');
  const schema = parameter ? resolveValue(document, parameter.schema) : undefined;
  return isMapping(schema) ? schema : undefined;
}

/** A successful answer of an operation: its status, JSON schema and example values. */
export interface SuccessAnswer {
  status: string;
  schema: Record<string, unknown> | undefined;
  examples: unknown[];
}

/**
 * The first successful answer the operation declares (200 first, then the other 2xx in order,
 * then `2XX`), with its JSON schema and every example value written for it.
 */
export function readSuccessAnswer(
  document: Record<string, unknown>,
  view: OperationView,
): SuccessAnswer | undefined {
  const responses = resolveValue(document, view.operation.responses);
  if (!isMapping(responses)) return undefined;
  const codes = Object.keys(responses).filter((code) => /^2(\d\d|XX)$/i.test(code));
  codes.sort((a, b) => (a === '200' ? -1 : b === '200' ? 1 : a.localeCompare(b)));
  const status = codes[0];
  if (status === undefined) return undefined;
  const response = resolveValue(document, responses[status]);
  if (!isMapping(response)) return { status, schema: undefined, examples: [] };
  return { status, ...readAnswerContent(document, response) };
}

function readAnswerContent(
  document: Record<string, unknown>,
  response: Record<string, unknown>,
): Omit<SuccessAnswer, 'status'> {
  const examples: unknown[] = [];
  const content = resolveValue(document, response.content);
  if (isMapping(content)) {
    const media = Object.entries(content).find(([type]) => isJsonMedia(type))?.[1];
    const resolved = resolveValue(document, media);
    if (!isMapping(resolved)) return { schema: undefined, examples };
    if (resolved.example !== undefined) examples.push(resolved.example);
    const named = resolveValue(document, resolved.examples);
    if (isMapping(named)) {
      for (const raw of Object.values(named)) {
        const example = resolveValue(document, raw);
        if (isMapping(example) && example.value !== undefined) examples.push(example.value);
      }
    }
    const schema = resolveValue(document, resolved.schema);
    return { schema: isMapping(schema) ? schema : undefined, examples };
  }
  // Swagger 2.0: the schema on the response, examples by media type.
  const byType = resolveValue(document, response.examples);
  if (isMapping(byType)) {
    for (const [type, value] of Object.entries(byType)) {
      if (isJsonMedia(type)) examples.push(value);
    }
  }
  const schema = resolveValue(document, response.schema);
  return { schema: isMapping(schema) ? schema : undefined, examples };
}
