import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** A tool's answer as the tests read it: its text, structured content and error flag. */
export interface ToolAnswer {
  text: string;
  structured: Record<string, unknown>;
  isError: boolean;
}

/** A client of the SDK, named as an assistant would be. */
export function createTestClient(): Client {
  return new Client({ name: 'guichet-tests', version: '1.0.0' });
}

/** Calls a tool and returns its answer as text. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolAnswer> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
  return {
    text,
    structured: result.structuredContent ?? {},
    isError: result.isError === true,
  };
}
