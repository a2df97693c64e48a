// The low-level Server on purpose: McpServer validates arguments itself and answers a plain
// text error, where every refusal here must be a problem from the sandbox's catalog.

import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { isVisibleTo, type Catalog, type Visibility } from '../catalog/index.ts';
import { toProblemResult } from './tool-result.ts';
import { callSandboxTool } from './tools/call-sandbox.ts';
import { describeOperationTool } from './tools/describe-operation.ts';
import { listVersionsTool } from './tools/list-versions.ts';
import { searchCatalogTool } from './tools/search-catalog.ts';
import type { ToolContext, ToolDefinition } from './tools/tool.ts';

/** Every tool the server offers, in the order a client lists them. */
export const mcpTools: readonly ToolDefinition[] = [
  searchCatalogTool,
  describeOperationTool,
  listVersionsTool,
  callSandboxTool,
];

/** What the server serves. */
export interface McpServerOptions {
  /** A catalog (`loadCatalog`, or the gateway's, which holds every API). */
  catalog: Catalog;
  /** Who may read it: APIs this audience may not see are left out of every tool. */
  audience: Visibility;
  /** The sandbox's own gateway, the only place call_sandbox reaches. */
  sandboxUrl: string;
}

/** The catalog an audience may see, whatever the catalog it was cut from holds. */
export function toAudienceCatalog(catalog: Catalog, audience: Visibility): Catalog {
  if (catalog.audience === audience) return catalog;
  return { audience, apis: catalog.apis.filter((api) => isVisibleTo(api.visibility, audience)) };
}

/**
 * guichet's MCP server, on the official SDK's low-level `Server`: the tools check their own
 * arguments against their zod schemas, so every refusal (a wrong type, a huge string, an id
 * that names nothing) is an RFC 9457 problem from the sandbox's catalog, and nothing a client
 * sends can throw past a tool.
 */
// eslint-disable-next-line @typescript-eslint/no-deprecated -- the low-level Server, see the import
export function createMcpServer(options: McpServerOptions): Server {
  const context: ToolContext = {
    catalog: toAudienceCatalog(options.catalog, options.audience),
    sandboxUrl: options.sandboxUrl,
  };
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the low-level Server, see the import
  const server = new Server(
    { name: 'guichet', version: '0.1.0' },
    {
      capabilities: { tools: {} },
      instructions:
        'guichet\'s API catalog and its sandbox. Find an API with search_catalog, read an operation with describe_operation (its "In the sandbox" section says which credentials it takes), check versions with list_versions, then try it with call_sandbox and the credentials the user gives you: a trial key (apiKey), a client id and secret (clientId, clientSecret: call_sandbox gets the token), a token (bearerToken), or a username and password for HTTP basic.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: mcpTools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: z.toJSONSchema(tool.input, { io: 'input' }) as {
        type: 'object';
        [key: string]: unknown;
      },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) =>
    runTool(request.params.name, request.params.arguments, context),
  );
  return server;
}

async function runTool(name: string, args: unknown, context: ToolContext): Promise<CallToolResult> {
  const tool = mcpTools.find((candidate) => candidate.name === name);
  if (!tool) {
    return toProblemResult(
      'notFound',
      `No tool is named ${JSON.stringify(name.slice(0, 100))}; the tools are ${mcpTools.map((item) => item.name).join(', ')}.`,
    );
  }
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) {
    return toProblemResult('invalidRequest', `The arguments of ${tool.name} are not valid.`, {
      errors: parsed.error.issues.slice(0, 20).map((issue) => ({
        pointer: `#/${issue.path.map(String).join('/')}`,
        detail: issue.message,
      })),
    });
  }
  try {
    return await tool.run(parsed.data, context);
  } catch {
    // A tool's own failure leaks nothing of it, as the gateway's 500 does not.
    return toProblemResult('internalError', `${tool.name} met an unexpected error.`);
  }
}
