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
import type { SandboxLanguage } from '../catalog/sandbox-languages.ts';
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
  /**
   * The language of the tools' refusals: over HTTP the request's `Accept-Language`, else the
   * sandbox's (`GUICHET_LANGUAGE`); on stdio `GUICHET_LANGUAGE`, else portal.yaml's. The tools
   * describe themselves in English, to the assistant.
   */
  language: SandboxLanguage;
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
    language: options.language,
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
  const { language } = context;
  const tool = mcpTools.find((candidate) => candidate.name === name);
  if (!tool) {
    const asked = JSON.stringify(name.slice(0, 100));
    const tools = mcpTools.map((item) => item.name).join(', ');
    return toProblemResult(
      'notFound',
      {
        en: `No tool is named ${asked}; the tools are ${tools}.`,
        fr: `Aucun outil ne s’appelle ${asked} ; les outils sont ${tools}.`,
      },
      language,
    );
  }
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) {
    return toProblemResult(
      'invalidRequest',
      {
        en: `The arguments of ${tool.name} are not valid.`,
        fr: `Les arguments de ${tool.name} ne sont pas valides.`,
      },
      language,
      {
        errors: parsed.error.issues.slice(0, 20).map((issue) => ({
          pointer: `#/${issue.path.map(String).join('/')}`,
          detail: issue.message,
        })),
      },
    );
  }
  try {
    return await tool.run(parsed.data, context);
  } catch {
    // A tool's own failure leaks nothing of it, as the gateway's 500 does not.
    return toProblemResult(
      'internalError',
      {
        en: `${tool.name} met an unexpected error.`,
        fr: `${tool.name} a rencontré une erreur inattendue.`,
      },
      language,
    );
  }
}
