import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpServer, type McpServerOptions } from './create-mcp-server.ts';

/** Where the sandbox serves MCP over streamable HTTP: `<sandbox>/_mcp`. */
export const mcpPath = '/_mcp';

/** True for `/_mcp` and `/_mcp?…`: the one route the gateway hands to MCP. */
export function isMcpPath(url: string): boolean {
  return url === mcpPath || url.startsWith(`${mcpPath}?`);
}

/**
 * Answers one MCP request over streamable HTTP, statelessly: a server and a transport for this
 * request alone, JSON answers rather than an event stream, so nothing of a client outlives its
 * request and no connection is held open. `body` is the request's JSON, read (and bounded) by
 * the caller.
 */
export async function answerMcpRequest(
  options: McpServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): Promise<void> {
  const server = createMcpServer(options);
  // No session id generator: stateless.
  const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true });
  res.once('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}

/** The gateway a request came in on, from the socket's own address: call_sandbox's only target. */
export function toOwnGatewayUrl(req: IncomingMessage): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  const host = address.includes(':') ? `[${address.replace(/^::ffff:(?=\d)/, '')}]` : address;
  const unmapped = /^\[\d+\.\d+\.\d+\.\d+\]$/.test(host) ? host.slice(1, -1) : host;
  return `http://${unmapped}:${String(req.socket.localPort ?? 80)}`;
}
