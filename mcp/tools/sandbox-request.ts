import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CatalogOperation, OperationDetails } from '../../catalog/index.ts';
import { parsePathTemplate } from '../../catalog/index.ts';
import { toTextResult } from '../tool-result.ts';

/**
 * The request call_sandbox sends, built from the operation's path template and declared
 * parameters only: each value percent-encoded inside its segment, dot segments refused, so no
 * argument can name another host, port or API. And the bounded read of the answer.
 */

/** Bytes of an answer kept for the assistant. */
export const answerLimit = 256 * 1024;

/** The path, query and headers of a call, or what is wrong with its parameters. */
export type BuiltRequest =
  | { ok: true; path: string; query: string; headers: Record<string, string> }
  | { ok: false; errors: { pointer: string; detail: string }[] };

/** The request for these parameter values, every one declared by the operation. */
export function buildRequest(
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

/** The answer's body as text, cut at `answerLimit` bytes. */
export async function readLimited(answer: Response): Promise<string> {
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

/** What the sandbox answered, as a tool hands it back: redacted, and an error from 400 on. */
export function toSandboxAnswer(
  answer: { status: number; headers: Record<string, string>; body: string },
  preamble: string,
  request: Record<string, unknown>,
  hide: (text: string) => string,
): CallToolResult {
  const headers = Object.fromEntries(
    Object.entries(answer.headers).map(([name, value]) => [name, hide(value)]),
  );
  const body = hide(answer.body);
  const shown = [
    hide(preamble),
    '',
    `HTTP ${String(answer.status)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    body,
  ].join('\n');
  return {
    ...toTextResult(shown, { status: answer.status, headers, body, request }),
    isError: answer.status >= 400,
  };
}
