import { createServer, type Server } from 'node:http';
import type { Gateway } from '../create-gateway.ts';

/** The gateway's two HTTP servers, not yet listening. */
export interface GatewayServers {
  publicServer: Server;
  adminServer: Server;
}

/**
 * Creates the public and admin servers with the gateway's limits: Node refuses request
 * headers over `maxHeaderBytes` itself, and the gateway's `clientError` listener turns that
 * refusal into a 431 problem instead of Node's bare status line. The caller binds the ports
 * (`server.ts`, or a test on port 0).
 */
export function createGatewayServers(gateway: Gateway): GatewayServers {
  const settings = {
    maxHeaderSize: gateway.options.maxHeaderBytes,
    requestTimeout: 30_000,
    headersTimeout: 15_000,
    keepAliveTimeout: 5_000,
  };
  const publicServer = createServer(settings, gateway.handlePublic);
  publicServer.on('clientError', gateway.handleClientError);
  const adminServer = createServer(settings, gateway.handleAdmin);
  adminServer.on('clientError', gateway.handleClientError);
  return { publicServer, adminServer };
}
