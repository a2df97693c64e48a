import { createServer, type Server } from 'node:http';
import type { Gateway } from '../create-gateway.ts';
import { limitConnections } from './connection-limits.ts';
import { createConnectAnswer } from './protocol-refusals.ts';
import { toTrustedProxies } from './trusted-proxies.ts';

/** The gateway's two HTTP servers, not yet listening. */
export interface GatewayServers {
  publicServer: Server;
  adminServer: Server;
}

/**
 * Creates the public and admin servers with the gateway's limits: Node refuses request
 * headers over `maxHeaderBytes` itself, and the gateway's `clientError` listener turns that
 * refusal into a 431 problem instead of Node's bare status line; `CONNECT` gets a 405 problem,
 * never a tunnel. Idle connections are closed
 * by the header and keep-alive timeouts, and each port bounds the connections it holds per
 * client address and in all (`connection-limits.ts`). The caller binds the ports (`server.ts`,
 * or a test on port 0).
 */
export function createGatewayServers(gateway: Gateway): GatewayServers {
  const { options } = gateway;
  const settings = {
    maxHeaderSize: options.maxHeaderBytes,
    headersTimeout: options.headersTimeoutMs,
    requestTimeout: Math.max(options.requestTimeoutMs, options.headersTimeoutMs),
    keepAliveTimeout: options.keepAliveTimeoutMs,
    // Node checks the two timeouts above on this interval (30 s by default): a connection that
    // sends nothing would otherwise outlive its header timeout by up to that much.
    connectionsCheckingInterval: Math.min(1_000, options.headersTimeoutMs),
  };
  const limits = {
    perAddress: options.maxConnectionsPerAddress,
    trustedProxies: toTrustedProxies(options.trustedProxies),
    total: options.maxConnections,
    onRefused: gateway.countRefusedConnection,
    defaultLanguage: options.defaultLanguage,
  };
  const answerConnect = createConnectAnswer(options.defaultLanguage);
  const publicServer = createServer(settings, gateway.handlePublic);
  publicServer.on('clientError', gateway.handleClientError);
  publicServer.on('connect', answerConnect);
  limitConnections(publicServer, limits);
  const adminServer = createServer(settings, gateway.handleAdmin);
  adminServer.on('clientError', gateway.handleClientError);
  adminServer.on('connect', answerConnect);
  limitConnections(adminServer, limits);
  return { publicServer, adminServer };
}
