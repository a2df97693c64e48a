import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Catalog } from '../../catalog/index.ts';
import type { SandboxLanguage } from '../../catalog/sandbox-languages.ts';

/** What every tool call may use. */
export interface ToolContext {
  /** The catalog of the server's audience: restricted APIs it may not see are absent. */
  catalog: Catalog;
  /**
   * The sandbox's own gateway (`http://127.0.0.1:8000`, or a path prefix under it), where
   * call_sandbox sends every request: no tool argument can change it.
   */
  sandboxUrl: string;
  /** The language of the tools' refusals (`McpServerOptions.language`). */
  language: SandboxLanguage;
}

/** One MCP tool: its schema (which the client sees as JSON Schema) and what it does. */
export interface ToolDefinition<Input extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: Input;
  run(input: z.output<Input>, context: ToolContext): Promise<CallToolResult> | CallToolResult;
}

/** Declares a tool, keeping its input type. */
export function defineTool<Input extends z.ZodObject>(tool: ToolDefinition<Input>): ToolDefinition {
  return tool;
}
