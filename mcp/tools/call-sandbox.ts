import { z } from 'zod';
import { parsePathTemplate } from '../../catalog/index.ts';
import type { CatalogOperation, OperationDetails } from '../../catalog/index.ts';
import {
  apiIdSchema,
  findApi,
  findOperation,
  findVersion,
  getReference,
  operationSchema,
  versionIdSchema,
} from '../find-in-catalog.ts';
import { toProblemResult, toTextResult } from '../tool-result.ts';
import { defineTool } from './tool.ts';

/** Bytes of the sandbox's answer kept for the assistant. */
const answerLimit = 256 * 1024;
/** Longest wait for the sandbox, in ms: far above the gateway's own upstream timeout. */
const callTimeoutMs = 30_000;

const parameterValue = z.union([z.string().max(2_048), z.number(), z.boolean()]);

/**
 * call_sandbox: one call to an operation in the sandbox, on the server's own gateway only. The
 * request is built from the operation's path template and declared parameters (each value
 * percent-encoded inside its segment, dot segments refused), so no argument can name another
 * host, port or API. Credentials are used for this call and dropped: never stored or logged.
 */
export const callSandboxTool = defineTool({
  name: 'call_sandbox',
  title: 'Call an operation in the sandbox',
  description:
    "Calls one operation in guichet's sandbox and returns the status, headers and body. Pass the key you got for the API (a trial key from the API page) as apiKey, or a token as bearerToken: they are used for this call only, never stored or logged. Without credentials the sandbox answers 401 with a problem.",
  input: z.strictObject({
    api: apiIdSchema,
    version: versionIdSchema,
    operation: operationSchema,
    parameters: z
      .record(z.string().max(200), parameterValue)
      .optional()
      .describe('Path, query and header parameters the operation declares, by name.'),
    body: z
      .unknown()
      .optional()
      .describe('The request body: JSON, or a string for other media types.'),
    contentType: z
      .string()
      .max(200)
      .regex(/^[\w.+-]+\/[\w.+-]+(;[^\r\n]*)?$/)
      .optional(),
    apiKey: z.string().max(512).optional().describe('Sent as X-Api-Key for this call only.'),
    bearerToken: z
      .string()
      .max(8_192)
      .optional()
      .describe('Sent as Authorization: Bearer for this call only.'),
  }),
  async run(input, { catalog, sandboxUrl }) {
    const api = findApi(catalog, input.api);
    if (!api.ok) return api.problem;
    const version = findVersion(api.value, input.version);
    if (!version.ok) return version.problem;
    const found = findOperation(version.value, input.operation);
    if (!found.ok) return found.problem;
    const operation = version.value.operations[found.value];
    const details = getReference(version.value).operations[found.value];
    if (!operation || !details || operation.kind !== 'operation') {
      return toProblemResult('unknownOperation', 'A webhook is called by the API, not by you.');
    }
    const base = `${sandboxUrl.replace(/\/+$/, '')}/${encodeURIComponent(api.value.id)}/${encodeURIComponent(version.value.id)}`;
    const request = buildRequest(operation, details, input.parameters ?? {});
    if (!request.ok) {
      return toProblemResult('invalidRequest', 'Some parameters cannot be sent.', {
        errors: request.errors,
      });
    }
    const url = new URL(`${base}${request.path}${request.query}`);
    const expected = new URL(base);
    // The one check that matters: whatever was passed, the call stays on the sandbox's gateway
    // and inside this version's path.
    if (url.origin !== expected.origin || !`${url.pathname}/`.startsWith(`${expected.pathname}/`)) {
      return toProblemResult(
        'invalidRequest',
        'The parameters would lead the call out of this API version.',
      );
    }
    const headers: Record<string, string> = {
      ...request.headers,
      accept: 'application/json, */*;q=0.5',
    };
    if (input.apiKey !== undefined) headers['x-api-key'] = input.apiKey;
    if (input.bearerToken !== undefined) headers.authorization = `Bearer ${input.bearerToken}`;
    let body: string | undefined;
    if (input.body !== undefined) {
      const type = input.contentType ?? 'application/json';
      body =
        typeof input.body === 'string' && !/json/i.test(type)
          ? input.body
          : JSON.stringify(input.body);
      headers['content-type'] = type;
    }
    if (/[\r\n]/.test(Object.values(headers).join(''))) {
      return toProblemResult('invalidRequest', 'A header value holds a line break.');
    }
    let answer: Response;
    try {
      answer = await fetch(url, {
        method: operation.method,
        headers,
        ...(body === undefined ? {} : { body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(callTimeoutMs),
      });
    } catch {
      return toProblemResult(
        'upstreamUnavailable',
        'The sandbox could not be reached: is `npm run sandbox` running?',
      );
    }
    const text = await readLimited(answer);
    const answerHeaders = Object.fromEntries(answer.headers);
    const shown = [
      `HTTP ${String(answer.status)}`,
      ...Object.entries(answerHeaders).map(([name, value]) => `${name}: ${value}`),
      '',
      text,
    ].join('\n');
    return {
      ...toTextResult(shown, { status: answer.status, headers: answerHeaders, body: text }),
      isError: answer.status >= 400,
    };
  },
});

type BuiltRequest =
  | { ok: true; path: string; query: string; headers: Record<string, string> }
  | { ok: false; errors: { pointer: string; detail: string }[] };

function buildRequest(
  operation: CatalogOperation,
  details: OperationDetails,
  values: Record<string, string | number | boolean>,
): BuiltRequest {
  const errors: { pointer: string; detail: string }[] = [];
  const declared = new Map(details.parameters.map((parameter) => [parameter.name, parameter]));
  for (const name of Object.keys(values)) {
    if (!declared.has(name))
      errors.push({
        pointer: `#/parameters/${name}`,
        detail: 'is not a parameter of this operation',
      });
  }
  const template = parsePathTemplate(operation.path);
  const pathNames = new Set(template.names);
  let path = operation.path;
  for (const name of template.names) {
    const value = values[name];
    if (value === undefined) {
      errors.push({ pointer: `#/parameters/${name}`, detail: 'is required (a path parameter)' });
      continue;
    }
    const text = String(value);
    if (text === '' || text === '.' || text === '..') {
      errors.push({
        pointer: `#/parameters/${name}`,
        detail: 'must be a path segment, not empty or a dot segment',
      });
      continue;
    }
    path = path.split(`{${name}}`).join(encodeURIComponent(text));
  }
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of details.parameters) {
    const value = values[parameter.name];
    if (pathNames.has(parameter.name)) continue;
    if (value === undefined) {
      if (parameter.required)
        errors.push({
          pointer: `#/parameters/${parameter.name}`,
          detail: `is required (a ${parameter.in} parameter)`,
        });
      continue;
    }
    if (parameter.in === 'query') query.append(parameter.name, String(value));
    else if (parameter.in === 'header') headers[parameter.name.toLowerCase()] = String(value);
  }
  if (errors.length > 0) return { ok: false, errors };
  const search = query.toString();
  return { ok: true, path, query: search === '' ? '' : `?${search}`, headers };
}

async function readLimited(answer: Response): Promise<string> {
  if (!answer.body) return '';
  const reader = answer.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= answerLimit) {
      await reader.cancel();
      break;
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return size >= answerLimit
    ? `${text.slice(0, answerLimit)}\n… (cut at ${String(answerLimit)} bytes)`
    : text;
}
