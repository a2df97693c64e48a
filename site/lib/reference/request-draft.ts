import { pickExampleValue, toSampleValue } from '../../../catalog/reference/sample-value.ts';
import type {
  ComponentSchema,
  MediaTypeDetails,
  ParameterDetails,
} from '../../../catalog/index.ts';
import type { RequestBody, RequestDraft } from '../../scripts/har-request.ts';
import { toCredentialFields, type CallCredentials } from '../../scripts/sandbox-credentials.ts';
import { toCredentialNeeds } from '../../../catalog/sandbox-credentials.ts';
import type { ReferenceEntry } from './plan-pages.ts';
import type { ReferenceContext } from './reference-context.ts';
import { exampleLimit, isJson } from './format-value.ts';

/**
 * The request an operation's code samples and "try it" start from: its path and required query
 * and header parameters filled from the document's examples, its body from the first example
 * (else a value made up from the schema), sent to the version's sandbox with `credentials` where
 * the operation's security puts them (their placeholders when none are given).
 */
export function toRequestDraft(
  entry: ReferenceEntry,
  context: ReferenceContext,
  baseUrl: string,
  credentials: CallCredentials = {},
): RequestDraft {
  const { operation, details } = entry;
  const pathValues: Record<string, string> = {};
  const query: [string, string][] = [];
  const headers: [string, string][] = [];
  for (const parameter of details.parameters) {
    const value = toParameterText(parameter, context.components);
    if (parameter.in === 'path') {
      if (value !== undefined) pathValues[parameter.name] = value;
    } else if (parameter.required && parameter.in === 'query') {
      query.push([parameter.name, value ?? `{${parameter.name}}`]);
    } else if (parameter.required && parameter.in === 'header') {
      headers.push([parameter.name, value ?? parameter.name]);
    }
  }
  const body = toBody(details.requestBody?.contents ?? [], context);
  return {
    method: operation.method,
    baseUrl,
    path: operation.path,
    pathValues,
    query,
    headers,
    ...(body === undefined ? {} : { body }),
    credentials: toCredentialFields(credentials, toCredentialNeeds(context.version, operation)),
  };
}

/**
 * A parameter's example (else its schema's default, example or first allowed value) as the text
 * a URL carries; `undefined` when the document gives none, so `{name}` shows what to fill in.
 */
export function toParameterText(
  parameter: ParameterDetails,
  components: ReadonlyMap<string, ComponentSchema>,
): string | undefined {
  const schema =
    parameter.schema.kind === 'reference'
      ? components.get(parameter.schema.name)?.schema
      : parameter.schema;
  const inline = schema?.kind === 'schema' ? schema : undefined;
  const value = [
    parameter.examples.find((example) => example.value !== undefined)?.value,
    inline?.default?.value,
    inline?.examples[0],
    inline?.enum?.[0],
  ].find((candidate) => candidate !== undefined);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // An array is sent comma-separated (OpenAPI's default `form` style), an object as JSON.
  return Array.isArray(value) ? value.map((item) => String(item)).join(',') : JSON.stringify(value);
}

/** The media type a sample sends: JSON first, then a form, then whatever comes first. */
function toBody(
  contents: readonly MediaTypeDetails[],
  context: ReferenceContext,
): RequestBody | undefined {
  const content =
    contents.find((item) => isJson(item.mediaType) && item.mediaType !== '*/*') ??
    contents.find((item) => item.mediaType.startsWith('application/x-www-form-urlencoded')) ??
    contents[0];
  if (!content) return undefined;
  const picked = pickExampleValue(content.examples, content.schema, context.components);
  // Six copies of an example (five samples and the form) past the page's example limit would
  // make the page; the value made up from the schema is bounded.
  const value =
    picked !== undefined && measure(picked.value) > exampleLimit
      ? content.schema && toSampleValue(content.schema, context.components)
      : picked?.value;
  const mediaType = content.mediaType === '*/*' ? 'application/json' : content.mediaType;
  if (
    (mediaType === 'application/x-www-form-urlencoded' || mediaType === 'multipart/form-data') &&
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value)
  ) {
    return {
      mediaType,
      fields: Object.entries(value).map(([name, field]) => [
        name,
        typeof field === 'string' ? field : JSON.stringify(field),
      ]),
    };
  }
  if (value === undefined) return { mediaType, text: '' };
  return {
    mediaType,
    text: typeof value === 'string' && !isJson(mediaType) ? value : JSON.stringify(value, null, 2),
  };
}

function measure(value: unknown): number {
  if (typeof value === 'string') return value.length;
  // Values come from YAML or JSON: only `undefined` has no JSON text.
  return value === undefined ? 0 : JSON.stringify(value).length;
}
