import type { CatalogOperation, CatalogVersion } from '../../catalog/index.ts';
import { getVersionPages } from './reference/get-reference.ts';
import { toParameterText } from './reference/request-draft.ts';

/**
 * A request a partner can paste to try the sandbox at once: one operation of the version, its
 * path and required query parameters filled from the document's examples (as the catalog's
 * reference reads them), sent with curl.
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

/** The sample request of one operation, from the version's reference. */
export function toSampleRequest(
  version: CatalogVersion,
  operation: CatalogOperation,
): SampleRequest {
  const { reference } = getVersionPages(version);
  const details = reference.operations[version.operations.indexOf(operation)];
  const components = new Map(reference.schemas.map((schema) => [schema.name, schema]));
  let complete = true;
  let path = operation.path;
  const query: string[] = [];
  for (const parameter of details?.parameters ?? []) {
    const value = toParameterText(parameter, components);
    if (parameter.in === 'path') {
      if (value === undefined) complete = false;
      else path = path.replaceAll(`{${parameter.name}}`, encodeURIComponent(value));
    } else if (parameter.in === 'query' && parameter.required) {
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
