import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import {
  toProblemBody,
  type Localized,
  type ProblemName,
  type SandboxLanguage,
} from '../catalog/sandbox-problems.ts';

/**
 * A tool's refusal as an RFC 9457 problem from the sandbox's one catalog of problem types, so an
 * assistant reads the same `type`, `title` and `detail` a direct call would get, in the same
 * language (the server's: the request's `Accept-Language` over HTTP, else the sandbox's);
 * `instance` is a fresh id, as each refusal of the gateway has its request's.
 */
export function toProblemResult(
  name: ProblemName,
  detail: Localized,
  language: SandboxLanguage,
  extensions: Record<string, unknown> = {},
): CallToolResult {
  const problem = toProblemBody(name, detail, `mcp-${randomUUID()}`, language, extensions);
  return {
    isError: true,
    content: [{ type: 'text', text: JSON.stringify(problem, null, 2) }],
    structuredContent: problem,
  };
}

/** A tool's answer: Markdown or text for the assistant to read. */
export function toTextResult(text: string, structured?: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: 'text', text }],
    ...(structured === undefined ? {} : { structuredContent: structured }),
  };
}
