import type { MockOperation } from '../../../mock-server/prism/prism-engine.ts';
import { generateValue } from '../../../mock-server/prism/prism-checks.ts';

/**
 * Builds a request a client would send to an operation, from the document alone: the path's
 * placeholders (given values first, then each parameter's example, else a value drawn from its
 * schema), the required query parameters and headers the same way, and the body from the
 * request's first example, else drawn from its schema.
 */
export interface BuiltRequest {
  method: string;
  /** Path and query, relative to the version's base URL. */
  target: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A parameter of any place, as far as its examples and schema go. */
interface Parameter {
  name: string;
  examples?: readonly ({ value?: unknown } | object)[];
  schema?: unknown;
}

function exampleOf(operation: MockOperation, parameter: Parameter): string {
  const example = parameter.examples?.find((item): item is { value: unknown } => 'value' in item);
  const value = example
    ? example.value
    : generateValue(operation, parameter.schema ?? { type: 'string' });
  if (Array.isArray(value)) return value.map(String).join(',');
  if (value === undefined || value === null) return 'x';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The request for `operation`, with `values` for some of its path placeholders. */
export function buildRequest(
  operation: MockOperation,
  values: Readonly<Record<string, string>>,
  body?: unknown,
): BuiltRequest {
  const request = operation.request;
  const path = operation.path.replace(/\{([^{}/]+)\}/g, (_match, name: string) => {
    const given = values[name];
    if (given !== undefined) return encodeURIComponent(given);
    const parameter = request?.path?.find((item) => item.name === name);
    return encodeURIComponent(parameter ? exampleOf(operation, parameter) : '1');
  });
  const query = new URLSearchParams();
  for (const parameter of request?.query ?? []) {
    if (parameter.required === true) query.set(parameter.name, exampleOf(operation, parameter));
  }
  const headers: Record<string, string> = {};
  for (const parameter of request?.headers ?? []) {
    if (parameter.required === true)
      headers[parameter.name.toLowerCase()] = exampleOf(operation, parameter);
  }
  const contents = request?.body?.contents ?? [];
  const content = contents.find((item) => /json/i.test(item.mediaType)) ?? contents[0];
  let payload = body;
  if (payload === undefined && content) {
    const example = content.examples?.find((item) => 'value' in item);
    payload =
      example && 'value' in example
        ? example.value
        : generateValue(operation, content.schema ?? {});
  }
  if (payload !== undefined && content) {
    headers['content-type'] = /json/i.test(content.mediaType)
      ? content.mediaType
      : 'application/json';
  }
  const search = query.toString();
  return {
    method: operation.method.toUpperCase(),
    target: `${path}${search === '' ? '' : `?${search}`}`,
    headers,
    body: payload,
  };
}
