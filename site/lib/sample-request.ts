import type { CatalogOperation, CatalogVersion } from '../../catalog/index.ts';
import { resolveLocalRef } from '../../catalog/openapi/json-pointer.ts';

/**
 * A request a partner can paste to try the sandbox at once: one operation of the version, its
 * path and required query parameters filled from the document's examples, sent with curl.
 */

/** A request to show: method and the path (query included) after the version's base URL. */
export interface SampleRequest {
  method: string;
  /** `/declarations?siren=732829320`; a parameter with no example stays `{name}`. */
  target: string;
  /** The operation it calls, for a link to its description. */
  operation: CatalogOperation;
  /** True when every parameter it needs got an example value. */
  complete: boolean;
}

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Picks the operation to show: a GET whose parameters all have examples, else the first GET,
 * else the first operation. GETs need no body, so the command stays one line.
 */
export function pickSampleRequest(version: CatalogVersion): SampleRequest | undefined {
  const operations = version.operations.filter((operation) => operation.kind === 'operation');
  const requests = operations.map((operation) => toSampleRequest(version, operation));
  const gets = requests.filter((request) => request.method === 'GET');
  return gets.find((request) => request.complete) ?? gets[0] ?? requests[0];
}

/** The sample request of one operation. */
export function toSampleRequest(
  version: CatalogVersion,
  operation: CatalogOperation,
): SampleRequest {
  const document = version.document;
  const parameters = listParameters(document, operation);
  let complete = true;
  let path = operation.path;
  const query: string[] = [];
  for (const parameter of parameters) {
    const value = toExampleValue(document, parameter);
    if (parameter.in === 'path') {
      if (value === undefined) complete = false;
      else path = path.replaceAll(`{${parameter.name}}`, encodeURIComponent(value));
    } else if (parameter.in === 'query' && parameter.required === true) {
      if (value === undefined) complete = false;
      query.push(
        `${encodeURIComponent(parameter.name)}=${value === undefined ? `{${parameter.name}}` : encodeURIComponent(value)}`,
      );
    }
  }
  return {
    method: operation.method,
    target: query.length === 0 ? path : `${path}?${query.join('&')}`,
    operation,
    complete,
  };
}

/**
 * The curl command for a sample request. Single quotes keep the shell from reading `?` and `&`;
 * `--globoff` stops curl from reading a `{name}` left unfilled as one of its own patterns.
 */
export function toCurlCommand(baseUrl: string, request: SampleRequest, keyHeader: string): string {
  const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;
  const options = [
    request.method === 'GET' ? '' : ` -X ${request.method}`,
    request.complete ? '' : ' --globoff',
  ].join('');
  return `curl -i${options} ${quote(`${baseUrl}${request.target}`)} \\\n  -H ${quote(`${keyHeader}: YOUR_KEY`)}`;
}

interface Parameter {
  name: string;
  in: string;
  required?: unknown;
  example?: unknown;
  examples?: unknown;
  schema?: unknown;
  'x-example'?: unknown;
  default?: unknown;
  enum?: unknown;
}

/** Path-level then operation-level parameters, the latter winning by name and location. */
function listParameters(document: Mapping, operation: CatalogOperation): Parameter[] {
  const paths = resolveLocalRef(document, document.paths);
  const item = isMapping(paths) ? resolveLocalRef(document, paths[operation.path]) : undefined;
  if (!isMapping(item)) return [];
  const raw = resolveLocalRef(document, item[operation.method.toLowerCase()]);
  const byKey = new Map<string, Parameter>();
  for (const list of [item.parameters, isMapping(raw) ? raw.parameters : undefined]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const parameter = resolveLocalRef(document, entry);
      if (!isMapping(parameter)) continue;
      if (typeof parameter.name !== 'string' || typeof parameter.in !== 'string') continue;
      byKey.set(`${parameter.in}:${parameter.name}`, parameter as unknown as Parameter);
    }
  }
  return [...byKey.values()];
}

/**
 * A parameter's example as text: `example`, the first of `examples`, Swagger 2's `x-example`,
 * then its schema's `example`, `default` or first `enum` value (Swagger 2 puts them on the
 * parameter itself).
 */
function toExampleValue(document: Mapping, parameter: Parameter): string | undefined {
  const schema = resolveLocalRef(document, parameter.schema);
  const fromExamples = isMapping(parameter.examples)
    ? Object.values(parameter.examples)
        .map((example) => resolveLocalRef(document, example))
        .find(isMapping)?.value
    : undefined;
  const candidates = [
    parameter.example,
    fromExamples,
    parameter['x-example'],
    ...(isMapping(schema) ? [schema.example, schema.default, firstOf(schema.enum)] : []),
    parameter.default,
    firstOf(parameter.enum),
  ];
  const value = candidates.find(
    (candidate) =>
      typeof candidate === 'string' ||
      typeof candidate === 'number' ||
      typeof candidate === 'boolean',
  );
  return value === undefined ? undefined : String(value);
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}
